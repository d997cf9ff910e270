// What a saved web page says about its source: its address, date, authors and publication, each
// from one kind of markup at a time (small probes), and relative links kept as inert addresses.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../../electron/core/import/formats/html.js';
import type { ParsedDocument } from '../../../../electron/core/import/parsed-document.js';
import { parseFile, parserHarness } from '../../../support/parser-harness.js';
import { fixturesDir } from '../../../support/shared.js';

const harness = parserHarness('khizana-html-source-');

const body = `<h1>Flood waters recede</h1>${'<p>The river fell by two metres overnight and the roads to the villages opened again, residents said on Monday.</p>'.repeat(6)}`;

/** Parses a page with `head` markup and `inner` body markup (a long enough article by default). */
function page(head: string, inner = `<article>${body}</article>`, before = ''): Promise<ParsedDocument> {
  const html = `${before}<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Flood waters recede</title>${head}</head><body>${inner}</body></html>`;
  return harness.parseBytes(parseHtml, 'page.html', new TextEncoder().encode(html));
}

describe('the page address', () => {
  it('comes from <link rel=canonical> alone', async () => {
    expect((await page('<link rel="canonical" href="https://news.example.com/2015/07/flood.html">')).url).toBe('https://news.example.com/2015/07/flood.html');
  });

  it('comes from og:url alone', async () => {
    expect((await page('<meta property="og:url" content="https://news.example.com/flood?id=7">')).url).toBe('https://news.example.com/flood?id=7');
  });

  it("comes from the browser's saved-from comment alone", async () => {
    const doc = await page('', undefined, '<!-- saved from url=(0042)https://news.example.com/world/flood.html -->\n');
    expect(doc.url).toBe('https://news.example.com/world/flood.html');
  });

  it('comes from <base href> alone', async () => {
    expect((await page('<base href="https://news.example.com/world/">')).url).toBe('https://news.example.com/world/');
  });

  it('trusts canonical over og:url over saved-from over base, and skips a home-page canonical', async () => {
    const all = '<base href="https://cdn.example.net/"><meta property="og:url" content="https://news.example.com/og.html"><link rel="canonical" href="https://news.example.com/canonical.html">';
    expect((await page(all, undefined, '<!-- saved from url=(0040)https://m.news.example.com/saved.html?utm=x -->')).url).toBe('https://news.example.com/canonical.html');
    const homeCanonical = '<link rel="canonical" href="https://news.example.com/"><meta property="og:url" content="https://news.example.com/2015/flood.html">';
    expect((await page(homeCanonical)).url).toBe('https://news.example.com/2015/flood.html');
  });

  it('resolves a relative canonical against where the page was saved from', async () => {
    const doc = await page('<link rel="canonical" href="/2015/07/flood.html">', undefined, '<!-- saved from url=(0035)https://news.example.com/amp/flood -->');
    expect(doc.url).toBe('https://news.example.com/2015/07/flood.html');
  });

  it('is none for other schemes, addresses with credentials, relative ones with nothing to resolve against, or none stated', async () => {
    for (const head of [
      '<link rel="canonical" href="javascript:alert(1)">',
      '<link rel="canonical" href="file:///home/me/page.html">',
      '<meta property="og:url" content="https://user:secret@news.example.com/flood.html">',
      '<link rel="canonical" href="/2015/07/flood.html">',
      '',
    ]) {
      expect((await page(head)).url, head).toBeNull();
    }
    expect((await page('', undefined, '<!-- saved from url=(0014)about:internet -->')).url).toBeNull();
  });
});

describe('relative links and images', () => {
  it('are resolved against the page address and kept inert: no href, no src', async () => {
    const inner = `<article>${body}<p>See <a href="../../2014/earlier.html">the earlier report</a> and <a href="/maps/river">the map</a>.</p><p><img src="img/river.jpg" alt="The river"></p>${body}</article>`;
    const doc = await page('<link rel="canonical" href="https://news.example.com/2015/07/flood.html">', inner);
    expect(doc.html).toContain('<a data-href="https://news.example.com/2014/earlier.html">the earlier report</a>');
    expect(doc.html).toContain('<a data-href="https://news.example.com/maps/river">the map</a>');
    expect(doc.html).toContain('<span data-removed-image="" data-image-url="https://news.example.com/2015/07/img/river.jpg">[The river]</span>');
    expect(doc.html).not.toMatch(/\s(?:href|src)=/);
  });

  it('follow <base href> as a browser would, even when canonical names another address', async () => {
    const inner = `<article>${body}<p><a href="next.html">Next</a></p></article>`;
    const doc = await page('<base href="https://archive.example.org/mirror/"><link rel="canonical" href="https://news.example.com/flood.html">', inner);
    expect(doc.url).toBe('https://news.example.com/flood.html');
    expect(doc.html).toContain('<a data-href="https://archive.example.org/mirror/next.html">Next</a>');
  });
});

describe('the publication date', () => {
  it('comes from a <time datetime> alone: the article’s, not a sidebar’s', async () => {
    const inner = `<aside><time datetime="2024-01-01">Most read</time></aside><article><header><time datetime="2015-07-24T05:36:09+01:00">24 July 2015</time></header>${body}</article>`;
    expect((await page('', inner)).publishedAt).toBe('2015-07-24T05:36:09+01:00');
  });

  it('comes from JSON-LD alone, also inside @graph, with its authors and publisher', async () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', '@id': 'https://news.example.com/#site', name: 'Example News' },
        { '@type': 'Person', '@id': 'https://news.example.com/#amal', name: 'Amal Saad' },
        {
          '@type': 'NewsArticle',
          headline: 'Flood waters recede',
          datePublished: '2015-07-24T05:36:09+01:00',
          dateModified: '2016-01-01T00:00:00Z',
          author: [{ '@id': 'https://news.example.com/#amal' }, { '@type': 'Person', name: 'John Smith' }],
          publisher: { '@type': 'Organization', name: 'Example News' },
          mainEntityOfPage: { '@id': 'https://news.example.com/2015/07/flood.html' },
        },
      ],
    };
    const doc = await page(`<script type="application/ld+json">${JSON.stringify(graph)}</script>`);
    expect(doc.publishedAt).toBe('2015-07-24T05:36:09+01:00');
    expect(doc.authors).toEqual(['Amal Saad', 'John Smith']);
    expect(doc.publication).toBe('Example News');
    expect(doc.url).toBe('https://news.example.com/2015/07/flood.html');
  });

  it('comes from article:published_time or itemprop=datePublished alone; a partial date stays partial', async () => {
    expect((await page('<meta property="article:published_time" content="2015-07-24">')).publishedAt).toBe('2015-07-24');
    expect((await page('', `<article><span itemprop="datePublished" content="2015-07">July 2015</span>${body}</article>`)).publishedAt).toBe('2015-07');
  });

  it('is none when the page states none, or states an impossible one', async () => {
    expect((await page('')).publishedAt).toBeNull();
    expect((await page('<meta property="article:published_time" content="2015-02-30">')).publishedAt).toBeNull();
    expect((await page('', `<article><time datetime="0000-00-00">never</time>${body}</article>`)).publishedAt).toBeNull();
  });
});

describe('the authors', () => {
  it('come from the byline as a list of names: "By A and B"', async () => {
    const doc = await page('', `<article><p class="byline">By Jane Doe and John Smith</p>${body}</article>`);
    expect(doc.authors).toEqual(['Jane Doe', 'John Smith']);
  });

  it('come from an Arabic byline: the بقلم prefix dropped, split at و between full names, never inside one', async () => {
    expect((await page('<meta name="author" content="بقلم: أحمد علي و محمد حسن">')).authors).toEqual(['أحمد علي', 'محمد حسن']);
    expect((await page('<meta name="author" content="كتب: أحمد وليد">')).authors).toEqual(['أحمد وليد']);
  });

  it('never cut a single name: "Smith, John" stays one', async () => {
    expect((await page('<meta name="author" content="Smith, John">')).authors).toEqual(['Smith, John']);
  });
});

describe('the Readability fixture pages', () => {
  const root = path.join(fixturesDir, 'html/readability');
  // Each of these names its address in canonical or og:url (the rtl-* test pages name none).
  const expected: Record<string, { url: string | null; date: string | null }> = {
    'bbc-1': { url: 'http://www.bbc.com/news/world-us-canada-33646704', date: '2015-07-24T05:36:09+01:00' },
    'nytimes-1': { url: 'https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html', date: '2017-01-13T00:00:04-05:00' },
    'lemonde-1': { url: 'http://www.lemonde.fr/pixels/article/2015/05/04/que-contient-la-loi-sur-le-renseignement_4627068_4408996.html', date: '2015-05-04T13:36:31+02:00' },
    telegraph: { url: 'http://www.telegraph.co.uk/news/2017/11/16/zimbabwes-robert-mugabe-wife-grace-insisting-finishes-term-priest/', date: '2017-11-16T14:15:00+00:00' },
    'rtl-1': { url: null, date: null },
  };
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: address and date`, async () => {
      const file = path.join(root, name, 'source.html');
      const doc = await parseFile(parseHtml, file);
      expect(doc.url).toBe(want.url);
      expect(doc.publishedAt).toBe(want.date);
    });
  }

  it('lemonde-1: "Martin Untersinger (avec Damien Leloup et Morgane Tual)" is three authors', async () => {
    const file = path.join(root, 'lemonde-1', 'source.html');
    const doc = await harness.parseBytes(parseHtml, 'lemonde.html', new Uint8Array(fs.readFileSync(file)));
    expect(doc.authors).toEqual(['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']);
  });
});
