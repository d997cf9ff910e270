// Builds the nested tag tree from flat `a/b/c` paths.
import type { TagInfo } from '../../../../electron/shared/dto.js';

export interface TagNode {
  name: string;
  path: string;
  count: number | null;
  color: string | null;
  children: TagNode[];
}

/** Nests tags by path; parents that carry no tag themselves still appear. */
export function buildTagTree(tags: readonly TagInfo[]): TagNode[] {
  const roots: TagNode[] = [];
  const byPath = new Map<string, TagNode>();
  const sorted = [...tags].sort((a, b) => a.path.localeCompare(b.path));
  for (const tag of sorted) {
    const segments = tag.path.split('/');
    let siblings = roots;
    segments.forEach((name, i) => {
      const path = segments.slice(0, i + 1).join('/');
      let node = byPath.get(path);
      if (!node) {
        node = { name, path, count: null, color: null, children: [] };
        byPath.set(path, node);
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
