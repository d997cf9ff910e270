// Marks search hits inside rendered HTML: the core finds the spans, this wraps them in <mark>.
import type { Span } from '../../../electron/shared/dto.js';
import { normaliseSpans } from './spans.js';

/** The text nodes under `root` that can carry a hit, in document order. */
export function textNodesOf(root: Node): Text[] {
  const doc = root.ownerDocument ?? document;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('mark, script, style') || !(node as Text).data.trim() ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** Wraps spans[i] of nodes[i] in `<mark>`; returns how many marks were made. */
export function markSpans(nodes: readonly Text[], spans: readonly Span[][]): number {
  let count = 0;
  nodes.forEach((node, i) => {
    const own = normaliseSpans(spans[i] ?? [], node.data.length);
    if (own.length === 0 || !node.parentNode) return;
    const doc = node.ownerDocument;
    const fragment = doc.createDocumentFragment();
    let at = 0;
    for (const [s, e] of own) {
      if (s > at) fragment.append(node.data.slice(at, s));
      const mark = doc.createElement('mark');
      mark.textContent = node.data.slice(s, e);
      fragment.append(mark);
      at = e;
      count += 1;
    }
    if (at < node.data.length) fragment.append(node.data.slice(at));
    node.replaceWith(fragment);
  });
  return count;
}
