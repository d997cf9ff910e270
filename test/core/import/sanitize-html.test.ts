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
    expect(first).toBe('<p>one <b>two</b></p><span data-removed-image="">[pic]</span>');
    expect(sanitizeHtml(dirty)).toBe(first);
    expect(sanitizeHtml('plain text, no markup')).toBe('plain text, no markup');
    expect(sanitizeHtml('')).toBe('');
  });
});
