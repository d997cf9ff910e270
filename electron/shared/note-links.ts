// Links from a note to an item or another note: an ordinary Markdown link whose address is the
// target's uid, `[Title](khizana:<uid>)`. Any Markdown tool shows it as a link with its title;
// Khizana resolves the uid, so renaming the target never breaks it. Used by the core (the links
// table, the export) and the renderer (the editor and the preview), so both read the same links.

/** The address scheme of a link to an item or note. */
export const noteLinkScheme = 'khizana:';

const uidPattern = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// The label: escaped characters or anything but brackets and line breaks (as the editor writes it).
const linkPattern = new RegExp(`\\[((?:\\\\.|[^\\\\\\[\\]\\n])*)\\]\\(${noteLinkScheme}(${uidPattern})\\)`, 'g');

/** One link in a note's text: where it is (UTF-16 offsets), its label as shown, and the target's uid. */
export interface NoteLink {
  start: number;
  end: number;
  label: string;
  uid: string;
}

/** Every link to an item or note in `text`, in order. */
export function findNoteLinks(text: string): NoteLink[] {
  const links: NoteLink[] = [];
  for (const m of text.matchAll(linkPattern)) {
    links.push({ start: m.index, end: m.index + m[0].length, label: unescapeLabel(m[1]!), uid: m[2]!.toLowerCase() });
  }
  return links;
}

/** The Markdown of a link to `uid` labelled `title` (brackets and backslashes escaped, one line). */
export function formatNoteLink(title: string, uid: string): string {
  const label = title.replace(/\s+/g, ' ').trim().replace(/[\\[\]]/g, (c) => `\\${c}`) || uid;
  return `[${label}](${noteLinkScheme}${uid})`;
}

/** The uid a link address points at (`khizana:<uid>`), or null for any other address. */
export function uidOfHref(href: string): string | null {
  const m = new RegExp(`^${noteLinkScheme}(${uidPattern})$`).exec(href.trim());
  return m ? m[1]!.toLowerCase() : null;
}

const annotationHref = new RegExp(`^${noteLinkScheme}annotation/(${uidPattern})$`);
const annotationLinkPattern = new RegExp(`\\[((?:\\\\.|[^\\\\\\[\\]\\n])*)\\]\\(${noteLinkScheme}annotation/(${uidPattern})\\)`, 'g');

/** The uid of the annotation a link address points at (`khizana:annotation/<uid>`, written by Quote in note), or null. */
export function annotationUidOfHref(href: string): string | null {
  const m = annotationHref.exec(href.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** The uids of the annotations `text` links to, in order. */
export function findAnnotationLinks(text: string): string[] {
  return [...text.matchAll(annotationLinkPattern)].map((m) => m[2]!.toLowerCase());
}

/** `text` with each link to an item, note or annotation replaced by its label (a note's title, a sentence, the search index). */
export function linksAsLabels(text: string): string {
  let out = '';
  let at = 0;
  for (const link of findNoteLinks(text)) {
    out += text.slice(at, link.start) + link.label;
    at = link.end;
  }
  return (out + text.slice(at)).replace(annotationLinkPattern, (_m, label: string) => unescapeLabel(label));
}

function unescapeLabel(label: string): string {
  return label.replace(/\\(.)/g, '$1');
}

const maxSentence = 300;

/**
 * The sentence of `text` around the link at [start, end), as a reader sees it: links shown by
 * their labels, Markdown line marks dropped, at most ~300 characters around the link.
 */
export function linkSentence(text: string, start: number, end: number): string {
  // The line the link is on (a Markdown line: a paragraph, a list item, a heading).
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndAt = text.indexOf('\n', end);
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  // A sentence ends at . ! ? ؟ … (and closing quotes) followed by a space; a label's own dots do not count.
  const boundary = /[.!?؟…]+["'»”’)]*(?=\s)/g;
  let from = lineStart;
  let to = lineEnd;
  const line = text.slice(lineStart, lineEnd);
  for (const m of line.matchAll(boundary)) {
    const at = lineStart + m.index;
    const after = at + m[0].length;
    if (after <= start) from = after;
    else if (at >= end) {
      to = after;
      break;
    }
  }
  let sentence = text.slice(from, to);
  let linkAt = start - from;
  let linkEnd = end - from;
  // Links read as their labels (as linksAsLabels, keeping the link's own position to centre a long sentence on it).
  for (const link of findNoteLinks(sentence).reverse()) {
    const shift = link.end - link.start - link.label.length;
    sentence = sentence.slice(0, link.start) + link.label + sentence.slice(link.end);
    if (link.start < linkAt) {
      linkAt -= shift;
      linkEnd -= shift;
    } else if (link.start === linkAt) linkEnd -= shift;
  }
  const lead = /^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*/.exec(sentence)![0].length;
  sentence = sentence.slice(lead);
  linkAt -= lead;
  linkEnd -= lead;
  if (sentence.length > maxSentence) {
    const half = Math.max(0, Math.floor((maxSentence - (linkEnd - linkAt)) / 2));
    const cutFrom = Math.max(0, linkAt - half);
    const cutTo = Math.min(sentence.length, Math.max(linkEnd + half, cutFrom + maxSentence));
    sentence = `${cutFrom > 0 ? '…' : ''}${sentence.slice(cutFrom, cutTo)}${cutTo < sentence.length ? '…' : ''}`;
  }
  return sentence.replace(/\s+/g, ' ').trim();
}
