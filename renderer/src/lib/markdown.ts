// Notes are Markdown; the preview is rendered with marked and sanitised like any other HTML.
import { Marked } from 'marked';
import { annotationUidOfHref, linksAsLabels, uidOfHref } from '../../../electron/shared/note-links.js';
import { sanitizeToFragment } from './sanitize.js';

/** The prefix a link to an item or note has in the rendered HTML: a fragment, which loads nothing. */
const noteLinkFragment = '#khizana:';

// Links to items and notes (`khizana:<uid>`, shared/note-links.ts) and to annotations
// (`khizana:annotation/<uid>`) become fragment links, which the
// sanitiser keeps (it drops unknown schemes); the preview opens them in the app.
const notesMarked = new Marked({
  gfm: true,
  breaks: true,
  walkTokens(token) {
    if (token.type !== 'link') return;
    const uid = uidOfHref(token.href) ?? annotationUidOfHref(token.href);
    if (uid !== null) token.href = `${noteLinkFragment}${uid}`;
  },
});

/** Marks each link to an item or note with the target's uid (data-uid), after sanitising. */
function markNoteLinks(root: DocumentFragment): void {
  for (const link of root.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href')!;
    if (!href.startsWith(noteLinkFragment)) continue;
    const uid = uidOfHref(`khizana:${href.slice(noteLinkFragment.length)}`);
    if (uid === null) continue;
    link.classList.add('note-link');
    link.setAttribute('data-uid', uid);
  }
}

/**
 * Splits blocks at their <br>s into block lines: a line break does not start a new bidi
 * paragraph, so without this an English line under an Arabic one would be laid out right-to-left.
 */
function splitLines(root: DocumentFragment): void {
  for (const block of root.querySelectorAll('p, li')) {
    if (!block.querySelector(':scope > br')) continue;
    const lines: Node[][] = [[]];
    for (const child of [...block.childNodes]) {
      if (child.nodeName === 'BR') lines.push([]);
      else lines[lines.length - 1]!.push(child);
    }
    block.replaceChildren(
      ...lines.map((nodes) => {
        const line = block.ownerDocument.createElement('span');
        line.className = 'md-line';
        line.setAttribute('dir', 'auto');
        line.append(...nodes);
        return line;
      }),
    );
  }
}

/** Markdown to a safe fragment (GitHub flavour; each typed line keeps its own direction; links to items and notes marked). */
export function renderMarkdown(text: string): DocumentFragment {
  const fragment = sanitizeToFragment(notesMarked.parse(text, { async: false }));
  splitLines(fragment);
  markNoteLinks(fragment);
  return fragment;
}

/** The first non-empty line of a note, without Markdown markers: its title. */
export function noteTitle(text: string): string {
  const line = linksAsLabels(text.split('\n').find((l) => l.trim() !== '') ?? '');
  return line.replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s*)/, '').trim().slice(0, 120);
}
