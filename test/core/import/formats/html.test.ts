import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../../electron/core/import/formats/html.js';
import { decodeHtmlBytes } from '../../../../electron/core/import/decode-html-bytes.js';
import { sanitizeAndExtract, withHtmlScope } from '../../../../electron/core/import/html-text.js';
import type { ParsedDocument } from '../../../../electron/core/import/parsed-document.js';
import { detectDirection } from '../../../../electron/core/text/language.js';
import {
  collapse,
  ctx,
  errorOf,
  heapGrowthMb,
  parseFile as parseFileWith,
  parserHarness,
  pseudoRandomBytes,
  type LimitOverrides,
} from '../../../support/parser-harness.js';
import { fixturesDir as fixtures, sampleText } from '../../../support/shared.js';

const harness = parserHarness('khizana-html-');

/** Parses a real file from disk, as the importer would hand it over. */
const parseFile = (filePath: string): Promise<ParsedDocument> => parseFileWith(parseHtml, filePath);

/** Writes bytes to a temp file and parses them back. */
const parseBytes = (name: string, bytes: Uint8Array, limits: LimitOverrides = {}): Promise<ParsedDocument> =>
  harness.parseBytes(parseHtml, name, bytes, limits);

interface ManifestRow {
  path: string;
  phrase: string;
  title: string;
}

/** The HTML pages of the shared fixture manifest, with the phrase each must yield. */
function manifestPages(): ManifestRow[] {
  const lines = fs.readFileSync(path.join(fixtures, 'manifest.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .map((line) => line.split('\t'))
    .filter((cols) => cols[0]?.startsWith('html/readability/') && cols[0].endsWith('source.html'))
    .map((cols) => ({ path: cols[0]!, phrase: cols[3]!, title: cols[4]! }));
}

/** Every start tag of `html` with its attributes, as markup without any text content. */
function markupOf(html: string): string {
  return withHtmlScope((scope) =>
    Array.from(scope.parse(html).body.querySelectorAll('*'))
      .map((el) => `<${el.localName}${Array.from(el.attributes).map((a) => ` ${a.name}="${a.value}"`).join('')}>`)
      .join(''),
  );
}

/**
 * `html` without the addresses the sanitiser keeps on purpose, as inert text (where a link or a
 * removed image pointed): what is left must name nothing remote. Those addresses are http(s) only.
 */
function withoutKeptAddresses(html: string): string {
  for (const [, value] of html.matchAll(/ data-(?:href|image-url)="([^"]*)"/g)) expect(value).toMatch(/^(?:https?:|mailto:)/);
  return html.replace(/ data-(?:href|image-url)="[^"]*"/g, '');
}

/** Sanitises and extracts as the parsers do, in a scope of its own. */
const sanitizeFragment = (html: string) => withHtmlScope((scope) => sanitizeAndExtract(scope, html));

/** Asserts that sanitised HTML can execute nothing and load nothing remote (DESIGN §6). */
function expectInert(kept: string): void {
  const html = withoutKeptAddresses(kept);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|frame|applet|base|meta|link|style|svg|math)\b/i);
  expect(html).not.toMatch(/src\s*=\s*["']?\s*(https?:)?\/\//i);
  expect(html).not.toMatch(/srcset|background\s*=|poster\s*=|formaction|xlink:href/i);
  // "javascript:" and "onerror=" may survive as visible, inert text (h5sc shows vectors as
  // text, and image alt text is kept as "[alt]"); they must never be in the markup.
  const markup = markupOf(html);
  expect(markup).not.toMatch(/javascript:|vbscript:|data:text\/html/i);
  expect(markup).not.toMatch(/\s(href|src|action|cite)="\s*(https?:)?\/\//i);
  expect(markup).not.toMatch(/\son\w+=/i);
}

describe('parseHtml on the Readability fixture pages', () => {
  const pages = manifestPages();

  it('the manifest lists the 12 pages', () => {
    expect(pages).toHaveLength(12);
  });

  for (const page of pages) {
    it(`${page.path}: title, byline, site and phrase`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(fixtures, path.dirname(page.path), 'expected-metadata.json'), 'utf8'));
      const doc = await parseFile(path.join(fixtures, page.path));
      expect(doc.title).toBe(expected.title);
      expect(doc.title).toBe(page.title);
      // The byline as a list of names: each one a part of Readability's byline, none cut in two.
      if (expected.byline) {
        expect(doc.authors.length).toBeGreaterThan(0);
        for (const name of doc.authors) expect(collapse(expected.byline)).toContain(name);
      } else expect(doc.authors).toEqual([]);
      expect(doc.publication).toBe(expected.siteName);
      expect(collapse(doc.text)).toContain(collapse(page.phrase));
      expect(doc.encoding).toBe('utf-8');
      expect(doc.html).not.toBeNull();
      expectInert(doc.html!);
      // Paragraphs separated by exactly one blank line, no stray whitespace.
      expect(doc.text).not.toMatch(/\n{3,}|^\s|\s$|[ \t]\n|\n[ \t]|  /);
      expect(doc.text.split('\n\n').length).toBeGreaterThan(1);
      if (expected.publishedTime) expect(doc.publishedAt).toBe(expected.publishedTime);
      if (expected.dir === 'rtl') expect(doc.html).toMatch(/^<div dir="rtl"/);
    });
  }

  it('keeps the stated language and normalises its case', async () => {
    expect((await parseFile(path.join(fixtures, 'html/readability/telegraph/source.html'))).lang).toBe('en-GB');
    expect((await parseFile(path.join(fixtures, 'html/readability/herald-sun-1/source.html'))).lang).toBe('en-AU');
    expect((await parseFile(path.join(fixtures, 'html/readability/lemonde-1/source.html'))).lang).toBe('fr');
  });

  it('parses the biggest fixture fast enough for 10,000-file imports', async () => {
    const file = path.join(fixtures, 'html/readability/nytimes-1/source.html');
    await parseFile(file); // warm up jsdom, Readability and DOMPurify
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await parseFile(file);
      times.push(performance.now() - start);
    }
    const best = Math.min(...times);
    console.log(`parseHtml nytimes-1 (${fs.statSync(file).size} bytes): best ${best.toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(', ')}`);
    expect(best).toBeLessThan(3000);
  });

  it('does not keep parsed pages in memory (jsdom tracks elements with an id per window)', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, 'html/readability/bbc-1/source.html')));
    const growth = await heapGrowthMb(async () => {
      for (let i = 0; i < 8; i++) await parseHtml(bytes, ctx('bbc-1.html'));
    });
    // Each parse used to leave ~8 MB behind (64 MB here); what is left now is noise.
    expect(growth).toBeLessThan(30);
  });
});

describe('parseHtml on hostile pages', () => {
  it('never puts script text into the text (readability remove-script-tags)', async () => {
    const doc = await parseFile(path.join(fixtures, 'hostile/readability-remove-script-tags.html'));
    expect(doc.title).toBe('Remove script tags test');
    expect(doc.text).not.toContain("alert('wrong')");
    expect(doc.text).not.toContain('super wrong');
    expect(doc.text).not.toContain('alert');
    expect(collapse(doc.text)).toContain('Duis aute irure dolor in reprehenderit');
    expectInert(doc.html!);
  });

  it('imports the H5SC vectors inert', async () => {
    const doc = await parseFile(path.join(fixtures, 'hostile/h5sc-vectors.html'));
    expect(doc.html).not.toBeNull();
    expectInert(doc.html!);
    // The page shows some vectors as visible text ("<script>" included); script elements' code never is.
    expect(doc.text).not.toMatch(/generateCRMFRequest|__noSuchMethod__|ReferenceError\.prototype/);
  });

  it('sanitises the whole H5SC page too (the no-article fallback path)', () => {
    const source = fs.readFileSync(path.join(fixtures, 'hostile/h5sc-vectors.html'), 'utf8');
    const { html, text } = sanitizeFragment(source);
    expect(html.length).toBeGreaterThan(1000);
    expectInert(html);
    expect(text).not.toMatch(/generateCRMFRequest|__noSuchMethod__|ReferenceError\.prototype/);
  });

  const vectors: Array<[string, RegExp]> = [
    ['<img src=x onerror=alert(1)>', /onerror/i],
    ['<a href="JaVaScRiPt:alert(1)">click</a>', /javascript/i],
    ['<a href="&#106;avascript:alert(1)">entity</a>', /javascript/i],
    ['<a href="java\tscript:alert(1)">tab</a>', /script:/i],
    ['<svg><script>alert(1)</script></svg>', /alert/],
    ['<svg onload=alert(1)><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>', /alert|xlink/],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', /onerror|<math/],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', /onerror/],
    ['<base href="http://evil.example/"><a href="/x">relative</a>', /evil/],
    ['<meta http-equiv="refresh" content="0;url=http://evil.example/">', /evil|refresh/],
    ['<p style="background:url(http://evil.example/t.png)">styled</p>', /evil|url\(/],
    ['<style>@import "http://evil.example/x.css"; p{background:url(http://evil.example/y)}</style><p>t</p>', /evil|@import/],
    ['<img srcset="http://evil.example/a.png 1x, http://evil.example/b.png 2x" src="data:image/png;base64,iVBORw0KGgo=">', /evil|srcset/],
    ['<img src="http://evil.example/pixel.gif" alt="tracker">', /evil\.example/],
    ['<img src="//evil.example/x.png">', /evil/],
    ['<picture><source srcset="http://evil.example/a.webp"><img src="data:image/png;base64,iVBORw0KGgo="></picture>', /evil/],
    ['<video src="http://evil.example/v.mp4" poster="http://evil.example/p.png"></video>', /evil/],
    ['<link rel=stylesheet href="http://evil.example/s.css">', /evil/],
    ['<iframe srcdoc="<script>alert(1)</script>"></iframe>', /srcdoc|alert/],
    ['<object data="http://evil.example/x.swf"></object><embed src="http://evil.example/x.swf">', /evil/],
    ['<form action="http://evil.example/"><input name=q><button formaction="javascript:alert(1)">b</button></form>', /evil|formaction|<input/],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>', /data:text/],
    ['<div onclick="alert(1)" onmouseover=alert(2)>handlers</div>', /onclick|onmouseover/],
    ['<a href="vbscript:msgbox(1)">vb</a>', /vbscript/],
    ['<table background="http://evil.example/bg.png"><tr><td>cell</td></tr></table>', /evil/],
    ['<a href="file:///etc/passwd">local</a><img src="file:///etc/passwd">', /file:/],
    ['<template><script>alert(1)</script></template>', /alert/],
  ];

  for (const [vector, forbidden] of vectors) {
    it(`neutralises ${vector.slice(0, 60)}`, () => {
      const { html, text } = sanitizeFragment(`<p>before</p>${vector}<p>after</p>`);
      expectInert(html);
      expect(withoutKeptAddresses(html)).not.toMatch(forbidden);
      expect(text).not.toMatch(/alert\(|msgbox/);
      // Some vectors (an unclosed <style> in MathML, a </noscript> the parser ignores) swallow what follows.
      expect(text).toMatch(/^before(\n\n[\s\S]*after)?$/);
    });
  }

  it('imports a page made of all the vectors with nothing live in it', async () => {
    const page = `<!doctype html><html><head><title>Vectors</title><script>alert('head')</script></head><body><article>${vectors
      .map(([v], i) => `<p>Paragraph ${i} of a long enough article to be found by Readability, with words.</p>${v}`)
      .join('\n')}</article></body></html>`;
    const doc = await parseBytes('vectors.html', new TextEncoder().encode(page));
    expect(doc.title).toBe('Vectors');
    expectInert(doc.html!);
    expect(doc.text).not.toMatch(/alert\(|msgbox/);
    expect(doc.text).toContain('Paragraph 26 of a long enough article');
  });

  it('refuses, quickly, a page nested 20,000 elements deep (jsdom would take minutes)', async () => {
    const page = `<title>Deep</title>${'<div>'.repeat(20_000)}deep text${'</div>'.repeat(20_000)}`;
    const start = performance.now();
    const error = await errorOf(parseBytes('deep.html', new TextEncoder().encode(page)));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/nests elements more than 1000 deep/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('refuses nesting hidden behind self-closing and stray end tags', async () => {
    for (const trick of ['<div/>'.repeat(5000), '<div></span>'.repeat(5000), '<b><i>'.repeat(3000)]) {
      expect((await errorOf(parseBytes('trick.html', new TextEncoder().encode(`<p>x</p>${trick}`)))).code).toBe('corrupt');
    }
  });

  it('imports a page nested 300 deep as whole-page text, without Readability', async () => {
    const page = `<title>Nested</title>${'<div>'.repeat(300)}<p>nested text</p>${'</div>'.repeat(300)}`;
    const start = performance.now();
    const doc = await parseBytes('nested.html', new TextEncoder().encode(page));
    expect(doc.title).toBe('Nested');
    expect(doc.text).toBe('nested text');
    expect(doc.warnings.join(' ')).toMatch(/too deeply for article extraction/);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('parseHtml on Arabic pages', () => {
  const arabic = sampleText().trim();
  const paragraphs = arabic.split(/\n+/).map((p) => p.trim()).filter((p) => p !== '');
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  const firstSentence = paragraphs[0]!;

  function expectArabic(doc: ParsedDocument): void {
    expect(collapse(doc.text)).toContain(collapse(firstSentence));
    for (const p of paragraphs) expect(collapse(doc.text)).toContain(collapse(p));
    expect(doc.text).toContain('ولا تهنوا');
    expect(doc.text).toContain('مِن'); // harakat survive decoding
    expect(doc.lang).toBe('ar');
    expect(detectDirection(doc.text)).toBe('rtl');
    expect(doc.html).toMatch(/^<div dir="rtl" lang="ar">/);
  }

  it('decodes windows-1256 declared by <meta charset>', async () => {
    const page = `<!doctype html><html><head><meta charset="windows-1256"><title>إدلب</title></head><body><article>${body}</article></body></html>`;
    const bytes = iconv.encode(page, 'windows-1256');
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toContain(firstSentence); // really not UTF-8
    const doc = await parseBytes('idlib-1256.html', bytes);
    expect(doc.encoding).toBe('windows-1256');
    expect(doc.title).toBe('إدلب');
    expectArabic(doc);
  });

  it('decodes windows-1256 declared by <meta http-equiv=Content-Type>', async () => {
    const page = `<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1256"><title>إدلب</title></head><body>${body}</body></html>`;
    const doc = await parseBytes('idlib-1256-equiv.html', iconv.encode(page, 'windows-1256'));
    expect(doc.encoding).toBe('windows-1256');
    expectArabic(doc);
  });

  it('decodes UTF-8 with no meta and no lang attribute', async () => {
    const page = `<html><head><title>إدلب</title></head><body><div>${body}</div></body></html>`;
    const doc = await parseBytes('idlib-utf8.html', new TextEncoder().encode(page));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.warnings).toEqual([]);
    expectArabic(doc);
  });

  it('detects windows-1256 with no meta at all', async () => {
    const page = `<html><head><title>إدلب</title></head><body>${body}</body></html>`;
    const doc = await parseBytes('idlib-1256-nometa.html', iconv.encode(page, 'windows-1256'));
    expect(doc.encoding).toBe('windows-1256');
    expectArabic(doc);
  });

  it('overrides a lying utf-8 meta and says so', async () => {
    const page = `<html><head><meta charset="utf-8"><title>إدلب</title></head><body>${body}</body></html>`;
    const doc = await parseBytes('idlib-lying.html', iconv.encode(page, 'windows-1256'));
    expect(doc.encoding).toBe('windows-1256');
    expect(doc.warnings.join(' ')).toMatch(/says utf-8/);
    expectArabic(doc);
  });

  it('decodes valid UTF-8 as UTF-8 when the page declares a legacy charset, and says the label was wrong', async () => {
    for (const label of ['windows-1256', 'gb2312', 'iso-8859-6']) {
      const page = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${label}"><title>إدلب</title></head><body><article>${body}<p>中文 内容</p></article></body></html>`;
      const doc = await parseBytes(`idlib-relabelled-${label}.html`, new TextEncoder().encode(page));
      expect(doc.encoding).toBe('utf-8');
      expect(doc.warnings.join(' ')).toMatch(new RegExp(`says ${label === 'gb2312' ? 'gbk' : label} but is utf-8`));
      expect(doc.text).toContain('中文 内容');
      expectArabic(doc);
    }
  });

  it('keeps a declared legacy charset for pure-ASCII pages and for real legacy bytes', () => {
    const ascii = decodeHtmlBytes(new TextEncoder().encode('<meta charset="windows-1256"><p>plain words</p>'));
    expect(ascii).toMatchObject({ encoding: 'windows-1256', warning: null });
    const legacy = decodeHtmlBytes(iconv.encode('<meta charset="gb2312"><p>中文内容，这是一个测试。</p>', 'gbk'));
    expect(legacy).toMatchObject({ encoding: 'gbk', warning: null });
    expect(legacy.text).toContain('中文内容');
  });

  it('honours a UTF-16 byte-order mark', async () => {
    const page = `<html><head><meta charset="windows-1256"><title>إدلب</title></head><body>${body}</body></html>`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page, 'utf-16le')]);
    const doc = await parseBytes('idlib-utf16.html', bytes);
    expect(doc.encoding).toBe('utf-16le');
    expectArabic(doc);
  });

  it('recognises UTF-16 without a byte-order mark', async () => {
    const page = `<html><head><title>إدلب</title></head><body>${body}</body></html>`;
    const doc = await parseBytes('idlib-utf16-nobom.html', iconv.encode(page, 'utf-16le'));
    expect(doc.encoding).toBe('utf-16le');
    expectArabic(doc);
  });

  it('prefers Arabic text over an English CMS template lang', async () => {
    const page = `<html lang="en"><head><meta charset="utf-8"><title>إدلب</title></head><body>${body}</body></html>`;
    const doc = await parseBytes('idlib-lang-en.html', new TextEncoder().encode(page));
    expectArabic(doc);
  });
});

describe('parseHtml metadata and fallbacks', () => {
  const filler = 'This sentence is here so that the page reads like a real article about something. ';

  it('takes the title from og:title, then the first h1, when there is no <title>', async () => {
    const og = await parseBytes('og.html', new TextEncoder().encode(`<html><head><meta property="og:title" content="From OG"></head><body><p>${filler}</p></body></html>`));
    expect(og.title).toBe('From OG');
    const h1 = await parseBytes('h1.html', new TextEncoder().encode(`<html><body><h1>From  H1</h1><p>${filler}</p></body></html>`));
    expect(h1.title).toBe('From H1');
  });

  it('falls back to the whole body when there is no article, keeping <title>', async () => {
    const page = `<html><head><title>Link list</title><style>li{color:red}</style></head><body><script>var x = 'script text';</script>
      <ul><li>First link</li><li>Second link</li></ul><noscript>Enable JavaScript</noscript><template><p>template text</p></template>
      <table><tr><td>cell one</td><td>cell two</td></tr></table></body></html>`;
    const doc = await parseBytes('list.html', new TextEncoder().encode(page));
    expect(doc.title).toBe('Link list');
    expect(doc.text).toContain('First link');
    expect(doc.text).toContain('Second link');
    expect(doc.text).toContain('cell one cell two');
    expect(doc.text).not.toMatch(/script text|color:red|Enable JavaScript|template text/);
  });

  it('keeps a short article Readability found in a full page: no menus, sidebars or footer, no false warning', async () => {
    // A real-looking Arabic news page: a 296-character article under a menu, beside a "most read" sidebar, above a footer.
    const page = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>مجلس الوزراء يقر ميزانية البلديات | صحيفة الوطن</title></head>
<body>
<header class="site-header"><div class="logo"><a href="/">صحيفة الوطن</a></div>
<nav class="main-menu"><ul><li><a href="/local">محليات</a></li><li><a href="/world">دوليات</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/sport">رياضة</a></li><li><a href="/culture">ثقافة</a></li><li><a href="/opinion">كتاب وآراء</a></li></ul></nav>
<form class="search"><input name="q" placeholder="ابحث"></form></header>
<div class="container">
<main class="content"><article class="news-item">
<h1>مجلس الوزراء يقر ميزانية البلديات للعام المقبل</h1>
<div class="meta"><span class="author">الرياض - واس</span> <time datetime="2015-03-02">2 مارس 2015</time></div>
<div class="news-body"><p>أقر مجلس الوزراء في جلسته الأسبوعية أمس ميزانية البلديات للعام المالي المقبل، بزيادة قدرها عشرة في المئة عن العام الماضي، وذلك لتمويل مشاريع الطرق والحدائق وتصريف مياه الأمطار في المدن الكبرى.</p>
<p>وأوضح وزير الشؤون البلدية أن الميزانية الجديدة تركز على صيانة المشاريع القائمة قبل البدء بمشاريع جديدة.</p></div>
<div class="share"><a href="#">تويتر</a> <a href="#">فيسبوك</a> <a href="#">واتساب</a></div>
</article></main>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul>
<li><a href="/a/1">ارتفاع أسعار النفط في الأسواق العالمية مع تراجع المخزونات الأمريكية للأسبوع الثالث على التوالي</a></li>
<li><a href="/a/2">الهلال يتأهل إلى نهائي كأس ولي العهد بعد فوزه على الأهلي بثلاثة أهداف مقابل هدف</a></li>
<li><a href="/a/3">وزارة التعليم تعلن موعد بداية العام الدراسي الجديد وتقويم الإجازات الرسمية للطلاب والطالبات</a></li>
<li><a href="/a/4">الأرصاد تتوقع أمطارا رعدية على مناطق جازان وعسير والباحة حتى نهاية الأسبوع الحالي</a></li>
<li><a href="/a/5">هيئة السياحة تطلق مهرجان الربيع في المنطقة الشرقية بمشاركة أكثر من مئة جهة حكومية وخاصة</a></li>
</ul><div class="ad">إعلان</div></aside>
</div>
<footer class="site-footer"><p>جميع الحقوق محفوظة لصحيفة الوطن 2015. يمنع نسخ أو إعادة نشر المواد دون إذن مسبق من إدارة التحرير.</p>
<ul><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li><li><a href="/ads">أعلن معنا</a></li><li><a href="/privacy">سياسة الخصوصية</a></li></ul></footer>
</body></html>
`;
    const doc = await parseBytes('short-news.html', new TextEncoder().encode(page));
    expect(doc.warnings).toEqual([]);
    expect(doc.text).toContain('أقر مجلس الوزراء في جلسته الأسبوعية أمس ميزانية البلديات');
    expect(doc.text).toContain('تركز على صيانة المشاريع القائمة');
    expect(doc.text.length).toBeLessThan(500);
    expect(doc.text).not.toMatch(/محليات|الأكثر قراءة|ارتفاع أسعار النفط|جميع الحقوق محفوظة|سياسة الخصوصية/);
    expect(doc.title).toBe('مجلس الوزراء يقر ميزانية البلديات');
  });

  it('reads the publication date from article meta when Readability has none', async () => {
    const page = `<html><head><title>T</title><meta name="date" content="2020-04-05"></head><body><p>${filler.repeat(10)}</p></body></html>`;
    const doc = await parseBytes('dated.html', new TextEncoder().encode(page));
    expect(doc.publishedAt).toBe('2020-04-05');
  });

  it('keeps <br> line breaks inside a paragraph and collapses other whitespace', async () => {
    const page = `<html><body><article><p>Line   one<br>line\n\ttwo</p><p>Second   paragraph ${filler.repeat(8)}</p></article></body></html>`;
    const doc = await parseBytes('br.html', new TextEncoder().encode(page));
    expect(doc.text.startsWith('Line one\nline two\n\nSecond paragraph')).toBe(true);
  });

  it('records windows-1252 for a page declared iso-8859-1 and decodes its accents', async () => {
    const page = `<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><p>Déjà vu — “quoted” ${filler}</p></body></html>`;
    const doc = await parseBytes('latin1.html', iconv.encode(page, 'windows-1252'));
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.title).toBe('Café');
    expect(doc.text).toContain('Déjà vu — “quoted”');
  });

  it('never honours a UTF-7 meta (it hides markup as ASCII)', () => {
    const decoded = decodeHtmlBytes(new TextEncoder().encode('<meta charset="utf-7"><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).not.toContain('<script>');
  });
});

describe('parseHtml on bad input', () => {
  it('rejects an empty file as empty', async () => {
    expect((await errorOf(parseBytes('empty.html', new Uint8Array(0)))).code).toBe('empty');
    expect((await errorOf(parseBytes('blank.html', new TextEncoder().encode(' \n\r\n\t ')))).code).toBe('empty');
  });

  it('rejects a page with no text at all as empty', async () => {
    const error = await errorOf(parseBytes('bare.html', new TextEncoder().encode('<html><head></head><body><script>alert(1)</script></body></html>')));
    expect(error.code).toBe('empty');
  });

  it('rejects a PNG renamed to .html as corrupt, naming what it is', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    const error = await errorOf(parseBytes('image.html', png));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/PNG image/);
  });

  it('rejects random bytes as corrupt', async () => {
    const random = pseudoRandomBytes(8192, 42);
    const error = await errorOf(parseBytes('random.html', random));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/binary data/);
  });

  it('rejects a file over maxFileBytes as too-large', async () => {
    const page = new TextEncoder().encode(`<html><body><p>${'word '.repeat(1000)}</p></body></html>`);
    const error = await errorOf(parseBytes('big.html', page, { maxFileBytes: 1000 }));
    expect(error.code).toBe('too-large');
  });

  it('rejects text over maxTextChars as too-large', async () => {
    const page = new TextEncoder().encode(`<html><body><p>${'word '.repeat(1000)}</p></body></html>`);
    const error = await errorOf(parseBytes('long.html', page, { maxTextChars: 100 }));
    expect(error.code).toBe('too-large');
  });
});
