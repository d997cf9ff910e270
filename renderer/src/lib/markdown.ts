// Notes are Markdown; the preview is rendered with marked and sanitised like any other HTML.
import { marked } from 'marked';
import { sanitizeToFragment } from './sanitize.js';

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

/** Markdown to a safe fragment (GitHub flavour; each typed line keeps its own direction). */
export function renderMarkdown(text: string): DocumentFragment {
  const fragment = sanitizeToFragment(marked.parse(text, { async: false, gfm: true, breaks: true }));
  splitLines(fragment);
  return fragment;
}

/** The first non-empty line of a note, without Markdown markers: its title. */
export function noteTitle(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s*)/, '').trim().slice(0, 120);
}
