// Defence in depth: the core already sanitised article HTML; the renderer sanitises it again.
import DOMPurify from 'dompurify';
import { isRemoteUrl, sanitizeOptions } from '../../../electron/shared/html-policy.js';

const blockTags = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'TD', 'TH', 'DD', 'DT', 'FIGCAPTION', 'PRE', 'CAPTION', 'SUMMARY']);

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  const el = node as Element;
  if (el.tagName === 'IMG' && isRemoteUrl(el.getAttribute('src') ?? '')) el.removeAttribute('src');
  // A removed image shows where it was, as text to read or copy; nothing loads it.
  const imageSrc = el.hasAttribute('data-removed-image') ? el.getAttribute('data-image-url') : null;
  if (imageSrc && !el.hasAttribute('title')) el.setAttribute('title', imageSrc);
  if (el.tagName === 'A') {
    const kept = el.getAttribute('data-href');
    if (kept && !el.hasAttribute('title')) el.setAttribute('title', kept); // show where it pointed
    const href = el.getAttribute('href');
    if (href !== null && isRemoteUrl(href)) {
      // The link stays visible and inert; the reader shows where it pointed.
      if (!el.hasAttribute('data-href') && /^(https?:|mailto:)/i.test(href.trim())) {
        el.setAttribute('data-href', href.trim());
        el.setAttribute('title', href.trim());
      }
      el.removeAttribute('href');
    }
  }
  for (const attr of ['src', 'href', 'cite']) {
    const value = el.getAttribute(attr);
    if (value !== null && isRemoteUrl(value) && !(el.tagName === 'IMG' && attr === 'src')) el.removeAttribute(attr);
  }
  // Each block finds its own direction, so an Arabic paragraph in an English page reads right.
  if (blockTags.has(el.tagName) && !el.hasAttribute('dir')) el.setAttribute('dir', 'auto');
});

const config = sanitizeOptions();

/** Sanitises untrusted HTML into a fragment safe to insert. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return purifier.sanitize(html, { ...config, RETURN_DOM_FRAGMENT: true });
}
