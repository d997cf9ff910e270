// The name and headers an archived original is handed out with.
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, originalDownloadHeaders, originalFileName, originalIdFromPath } from '../../electron/shared/original-download.js';

describe('originals: paths, names, headers', () => {
  it('reads the item id of /api/original/<id> and nothing else', () => {
    expect(originalIdFromPath('/api/original/42')).toBe(42);
    for (const bad of ['/api/original/0', '/api/original/-1', '/api/original/1.5', '/api/original/4x', '/api/original/', '/api/original/42/x', '/api/original/99999999999999999']) {
      expect(originalIdFromPath(bad), bad).toBeNull();
    }
  });

  it('names the file like the original, with its format as extension when it has none', () => {
    expect(originalFileName({ path: '/home/u/تقرير إدلب.pdf', format: 'pdf' }, 1)).toBe('تقرير إدلب.pdf');
    expect(originalFileName({ path: 'C:\\x\\README', format: 'md' }, 1)).toBe('README.md');
    expect(originalFileName({ path: '/x/v1.2 notes', format: 'txt' }, 1)).toBe('v1.2 notes');
    expect(originalFileName({ path: '', format: 'html' }, 9)).toBe('item-9.html');
  });

  it('sends an ASCII fallback and the real UTF-8 name (RFC 6266)', () => {
    expect(attachmentDisposition('تقرير "1".pdf')).toBe(`attachment; filename="_____ _1_.pdf"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%20%221%22.pdf`);
    expect(attachmentDisposition("it's (a) 100%.txt")).toBe(`attachment; filename="it's (a) 100_.txt"; filename*=UTF-8''it%27s%20%28a%29%20100%25.txt`);
  });

  it('downloads every type, and keeps a type only for PDF', () => {
    const html = originalDownloadHeaders({ path: '/x/page.html', format: 'html' }, 3, 120);
    expect(html['Content-Type']).toBe('application/octet-stream');
    expect(html['Content-Disposition']).toMatch(/^attachment;/);
    expect(html['Content-Security-Policy']).toMatch(/^sandbox;/);
    expect(html['X-Content-Type-Options']).toBe('nosniff');
    expect(originalDownloadHeaders({ path: '/x/a.pdf', format: 'pdf' }, 3, 1)['Content-Type']).toBe('application/pdf');
  });
});
