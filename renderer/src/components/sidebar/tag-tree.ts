// Builds the nested tag tree from flat `a/b/c` paths.
import type { TagInfo } from '../../../../electron/shared/dto.js';

export interface TagNode {
  name: string;
  path: string;
  count: number | null;
  color: string | null;
  children: TagNode[];
}

/** Nests tags by path; parents that carry no tag themselves still appear. Paths are case-insensitive (`Syria/idlib` is under `syria`). */
export function buildTagTree(tags: readonly TagInfo[]): TagNode[] {
  const roots: TagNode[] = [];
  const byPath = new Map<string, TagNode>();
  const sorted = [...tags].sort((a, b) => a.path.toLowerCase().localeCompare(b.path.toLowerCase()));
  for (const tag of sorted) {
    const segments = tag.path.split('/');
    let siblings = roots;
    segments.forEach((name, i) => {
      const path = segments.slice(0, i + 1).join('/');
      let node = byPath.get(path.toLowerCase());
      if (!node) {
        node = { name, path, count: null, color: null, children: [] };
        byPath.set(path.toLowerCase(), node);
        siblings.push(node);
      }
      if (i === segments.length - 1) {
        node.count = tag.count;
        node.color = tag.color;
      }
      siblings = node.children;
    });
  }
  return roots;
}
