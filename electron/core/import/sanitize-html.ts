// Imported HTML is hostile until it has been through here (DESIGN §6).
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

/** Tags never kept, even when DOMPurify's HTML profile would allow them. */
const forbiddenTags = ['style', 'form', 'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'audio', 'video', 'source', 'track', 'picture', 'svg', 'math', 'template', 'noscript'];
/** Attributes that can load something or carry layout we do not want. */
const forbiddenAttrs = ['style', 'srcset', 'background', 'poster', 'ping', 'action', 'formaction', 'xlink:href', 'lowsrc', 'dynsrc', 'longdesc', 'usemap', 'class', 'id'];

/** True for a URL that would make the reader fetch something from outside the archive. */
function isRemoteUrl(url: string): boolean {
  const trimmed = url.trim().toLowerCase();
  return trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('data:image/');
}

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
      USE_PROFILES: { html: true },
      FORBID_TAGS: forbiddenTags,
      FORBID_ATTR: forbiddenAttrs,
      ALLOW_DATA_ATTR: false,
      ADD_ATTR: ['data-href', 'data-removed-image', 'dir', 'lang'],
      ALLOW_UNKNOWN_PROTOCOLS: false,
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
