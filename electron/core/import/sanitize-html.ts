// Imported HTML is hostile until it has been through here (DESIGN §6).
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
import { isRemoteUrl, sanitizeOptions } from '../../shared/html-policy.js';
import { webUrl } from './source-facts.js';

/** The document DOMPurify parsed the current input into; released after each call. */
let workingDocument: Document | null = null;
/** The address relative links and image sources of the current input are resolved against, or null. */
let workingBase: string | null = null;

/** Where a link or image pointed, as an absolute http(s)/mailto address to show (never to load), or null. */
function shownAddress(value: string, allowMail: boolean): string | null {
  const trimmed = value.trim();
  if (allowMail && /^mailto:/i.test(trimmed)) return trimmed;
  return webUrl(trimmed, workingBase);
}

function buildPurifier(): DOMPurify {
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('beforeSanitizeElements', (node) => {
    workingDocument ??= node.ownerDocument;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    // Only our own placeholders say where an image was (a page's lazy-loading attributes do not).
    if (!el.hasAttribute('data-removed-image')) el.removeAttribute('data-image-url');
    if (el.tagName !== 'A') el.removeAttribute('data-href');
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (isRemoteUrl(src) || src === '') {
        // Remote images are never fetched (offline, no tracking pixels): keep what they said, and
        // where the image was (resolved against the page's address), as inert text to copy.
        const alt = el.getAttribute('alt')?.trim();
        const address = src === '' ? null : shownAddress(src, false);
        const replacement = el.ownerDocument.createElement('span');
        replacement.setAttribute('data-removed-image', '');
        if (address) replacement.setAttribute('data-image-url', address);
        replacement.textContent = alt ? `[${alt}]` : '';
        el.replaceWith(replacement);
        return;
      }
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href');
      el.removeAttribute('data-href'); // only ours: where the link really pointed
      if (href !== null && isRemoteUrl(href)) {
        // Keep where the link pointed (a relative one resolved against the page's address),
        // inert, so the reader can show it without navigating.
        const address = shownAddress(href, true);
        if (address) el.setAttribute('data-href', address);
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

/**
 * Returns `html` with scripts, handlers, remote loads, frames and styles removed; safe to render.
 * Links and images keep where they pointed as inert data attributes, relative ones resolved
 * against `baseUrl` (the source's web address) when it is given.
 */
export function sanitizeHtml(html: string, baseUrl: string | null = null): string {
  purifier ??= buildPurifier();
  workingBase = baseUrl;
  try {
    return purifier.sanitize(html, {
      ...sanitizeOptions(),
      WHOLE_DOCUMENT: false,
      KEEP_CONTENT: true,
    });
  } finally {
    workingBase = null;
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
