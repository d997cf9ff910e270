// Imported HTML is hostile until it has been through here (DESIGN §6).
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { isRemoteUrl, sanitizeOptions } from '../../shared/html-policy.js';


/** The document DOMPurify parsed the current input into; released after each call. */
let workingDocument: Document | null = null;

function buildPurifier(): DOMPurify {
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('beforeSanitizeElements', (node) => {
    workingDocument ??= node.ownerDocument;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (isRemoteUrl(src) || src === '') {
        // Remote images are never fetched (offline, no tracking pixels): keep what they said.
        const alt = el.getAttribute('alt')?.trim();
        const replacement = el.ownerDocument.createElement('span');
        replacement.setAttribute('data-removed-image', '');
        replacement.textContent = alt ? `[${alt}]` : '';
        el.replaceWith(replacement);
        return;
      }
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      if (href !== null && isRemoteUrl(href)) {
        // Keep where the link pointed, inert, so the reader can show it without navigating.
        if (/^(https?:|mailto:)/i.test(href.trim())) el.setAttribute('data-href', href.trim());
        el.removeAttribute('href');
      }
      el.removeAttribute('target');
    }
    for (const attr of ['src', 'href', 'cite']) {
      const value = el.getAttribute(attr);
      if (value !== null && isRemoteUrl(value) && el.tagName !== 'IMG') el.removeAttribute(attr);
    }
  });
  return purify;
}

let purifier: DOMPurify | null = null; // built on first use: a jsdom window costs ~20 ms

/** Returns `html` with scripts, handlers, remote loads, frames and styles removed; safe to render. */
export function sanitizeHtml(html: string): string {
  purifier ??= buildPurifier();
  try {
    return purifier.sanitize(html, {
      ...sanitizeOptions(),
      WHOLE_DOCUMENT: false,
      KEEP_CONTENT: true,
    });
  } finally {
    releaseWorkingDocument();
  }
}

/**
 * jsdom remembers every attached element with an id (or a name) in a map on its window, for
 * `window[id]`, until it is detached; DOMPurify parses every input in the same window, so each
 * page (its <html id>, its <head>, which DOMPurify never walks) stayed in memory for good:
 * ~5 MB per full news page, gigabytes over a 10,000-file import. Detaching the tree forgets it.
 */
function releaseWorkingDocument(): void {
  workingDocument?.documentElement?.remove();
  workingDocument = null;
}
