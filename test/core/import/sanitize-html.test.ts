import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../electron/core/import/sanitize-html.js';
import { heapGrowthMb } from '../../support/parser-harness.js';

describe('sanitizeHtml', () => {
  it('forgets each input: elements with an id no longer pin the page in memory', async () => {
    // <html id> and <head> content are never walked by DOMPurify, so jsdom's per-window id map
    // kept every one of these pages alive (~8 MB each) before the working document was released.
    const page = `<html id="page"><head><style id="s">p{}</style><meta name="x" content="y"></head><body id="b">${Array.from(
      { length: 2000 },
      (_, i) => `<div id="d${i}"><img name="i${i}" src="data:image/png;base64,AA" alt="">text ${i}</div>`,
    ).join('')}</body></html>`;
    const growth = await heapGrowthMb(() => {
      for (let i = 0; i < 10; i++) sanitizeHtml(page);
    });
    expect(growth).toBeLessThan(40); // 177 MB before the fix
  });

  it('still returns the same clean HTML after releasing its document', () => {
    const dirty = '<p id="a" onclick="alert(1)">one <b>two</b></p><script>alert(2)</script><img src="http://evil.example/t.gif" alt="pic">';
    const first = sanitizeHtml(dirty);
    // The image is never loaded; where it was stays as inert text to copy.
    expect(first).toBe('<p>one <b>two</b></p><span data-removed-image="" data-image-url="http://evil.example/t.gif">[pic]</span>');
    expect(sanitizeHtml(dirty)).toBe(first);
    expect(sanitizeHtml('plain text, no markup')).toBe('plain text, no markup');
    expect(sanitizeHtml('')).toBe('');
  });

  it('resolves relative links and image sources against the source address, keeping them inert', () => {
    const base = 'https://news.example.org/2015/07/story.html?x=1';
    const html = sanitizeHtml(
      '<p><a href="/world/other.html">abs path</a> <a href="next.html#p2">relative</a> <a href="//cdn.example.net/f.pdf">scheme-relative</a> ' +
        '<a href="#notes">in page</a> <a href="javascript:alert(1)">js</a> <a href="https://user:pw@evil.example/">creds</a> <a href="mailto:a@b.example">mail</a></p>' +
        '<img src="../img/photo.jpg" alt="photo"><img src="file:///etc/passwd" alt="local"><p data-href="https://forged.example/" data-image-url="https://forged.example/i.png">forged</p>',
      base,
    );
    expect(html).toBe(
      '<p><a data-href="https://news.example.org/world/other.html">abs path</a> <a data-href="https://news.example.org/2015/07/next.html#p2">relative</a> ' +
        '<a data-href="https://cdn.example.net/f.pdf">scheme-relative</a> <a href="#notes">in page</a> <a>js</a> <a>creds</a> <a data-href="mailto:a@b.example">mail</a></p>' +
        '<span data-removed-image="" data-image-url="https://news.example.org/2015/img/photo.jpg">[photo]</span><span data-removed-image="">[local]</span><p>forged</p>',
    );
    // Without a source address a relative link says nothing true about where it pointed.
    expect(sanitizeHtml('<a href="next.html">n</a><img src="a.png" alt="a">')).toBe('<a>n</a><span data-removed-image="">[a]</span>');
  });
});
