// Where the caret of a textarea is drawn, for a popup beside it. A hidden copy of the textarea
// (same box, font, wrapping and per-line bidi) holds the text up to the caret and a marker; the
// marker's box is the caret's. (textarea-caret and its forks do the same but do not copy
// unicode-bidi, so Arabic lines in our note editor would be measured left to right.)

const copiedProperties = [
  'boxSizing', 'width', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant', 'fontWeight',
  'fontStretch', 'fontSize', 'lineHeight', 'fontFamily', 'textAlign', 'textTransform', 'textIndent',
  'letterSpacing', 'wordSpacing', 'tabSize', 'direction', 'unicodeBidi', 'overflowWrap', 'wordBreak',
] as const;

/** The caret's box at `position`, in pixels from the textarea's padding-box top-left, scrolling included. */
export function caretCoordinates(textarea: HTMLTextAreaElement, position: number): { left: number; top: number; height: number } {
  const doc = textarea.ownerDocument;
  const mirror = doc.createElement('div');
  const style = getComputedStyle(textarea);
  for (const property of copiedProperties) mirror.style[property] = style[property];
  Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', top: '0', left: '-10000px', whiteSpace: 'pre-wrap', overflow: 'hidden', height: 'auto' });
  mirror.setAttribute('dir', textarea.getAttribute('dir') ?? 'auto');
  mirror.textContent = textarea.value.slice(0, position);
  const marker = doc.createElement('span');
  marker.textContent = '\u200b'; // zero width: it takes the direction of the text around it
  mirror.append(marker, doc.createTextNode(textarea.value.slice(position) || ' '));
  doc.body.append(mirror);
  try {
    const box = mirror.getBoundingClientRect();
    const at = marker.getBoundingClientRect();
    const border = { left: parseFloat(style.borderLeftWidth) || 0, top: parseFloat(style.borderTopWidth) || 0 };
    return {
      left: at.left - box.left - border.left - textarea.scrollLeft,
      top: at.top - box.top - border.top - textarea.scrollTop,
      height: at.height || parseFloat(style.lineHeight) || 20,
    };
  } finally {
    mirror.remove();
  }
}
