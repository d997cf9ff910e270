// What imported HTML may keep: one policy for the core (when storing) and the renderer (when
// showing, as defence in depth). Both pass it to DOMPurify.

/** Tags never kept, even where DOMPurify's HTML profile would allow them. */
export const forbiddenHtmlTags = ['style', 'form', 'input', 'button', 'select', 'textarea', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'audio', 'video', 'source', 'track', 'picture', 'svg', 'math', 'template', 'noscript'];

/** Attributes that can load or open something, or carry layout we do not want. */
export const forbiddenHtmlAttributes = ['style', 'srcset', 'background', 'poster', 'ping', 'action', 'formaction', 'xlink:href', 'lowsrc', 'dynsrc', 'longdesc', 'usemap', 'class', 'id', 'target'];

/** Our own attributes that survive sanitising (where a link or removed image pointed, a removed image, direction). */
export const keptHtmlAttributes = ['data-href', 'data-removed-image', 'data-image-url', 'dir', 'lang'];

/** True for a URL that would make the reader fetch or open something outside the archive. */
export function isRemoteUrl(url: string): boolean {
  const trimmed = url.trim().toLowerCase();
  return trimmed !== '' && !trimmed.startsWith('#') && !trimmed.startsWith('data:image/');
}

/** The DOMPurify options both sides use (fresh arrays: DOMPurify's types want them mutable). */
export function sanitizeOptions() {
  return {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [...forbiddenHtmlTags],
    FORBID_ATTR: [...forbiddenHtmlAttributes],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: [...keptHtmlAttributes],
    ALLOW_UNKNOWN_PROTOCOLS: false,
  };
}
