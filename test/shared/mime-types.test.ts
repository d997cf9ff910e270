// The one MIME table, served by both the Electron app:// protocol and the web bridge.
import { describe, expect, it } from 'vitest';
import { mimeTypeFor } from '../../electron/shared/mime-types.js';

describe('mimeTypeFor', () => {
  it('knows the types the built UI uses, in any case', () => {
    expect(mimeTypeFor('a.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/dist/assets/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('C:\\dist\\a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
  });

  it('answers application/octet-stream for anything else', () => {
    for (const name of ['a.unknown', 'a', '.html', 'dir.html/file', 'a.constructor', 'a.toString']) expect(mimeTypeFor(name), name).toBe('application/octet-stream');
  });
});
