import { useState, type CSSProperties } from 'react';
import type { TagInfo } from '../../../../electron/shared/dto.js';
import { formatCount } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';
import { buildTagTree, type TagNode } from './tag-tree.js';

interface TagTreeProps {
  tags: readonly TagInfo[];
  activeTag: string | null;
  onSelect(path: string): void;
}

/** The sidebar's tag tree with counts; a click filters the results by that tag (and sub-tags). */
export function TagTree({ tags, activeTag, onSelect }: TagTreeProps) {
  const tree = buildTagTree(tags);
  if (tree.length === 0) return <p className="sidebar-empty">No tags yet. Add one from the reader.</p>;
  return (
    <ul className="tag-tree" aria-label="Tags">
      {tree.map((node) => <TagTreeNode key={node.path} node={node} depth={0} activeTag={activeTag} onSelect={onSelect} />)}
    </ul>
  );
}

function TagTreeNode({ node, depth, activeTag, onSelect }: { node: TagNode; depth: number; activeTag: string | null; onSelect(path: string): void }) {
  const [open, setOpen] = useState(true);
  const style = { '--depth': depth, ...(node.color ? { '--tag-color': node.color } : {}) } as CSSProperties;
  return (
    <li>
      <div className={`nav-row tag-row${activeTag === node.path ? ' active' : ''}`} style={style}>
        {node.children.length > 0 ? (
          <button type="button" className={`disclosure${open ? ' open' : ''}`} aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.path}`} onClick={() => setOpen(!open)}>
            <Icon name="chevron" size={12} />
          </button>
        ) : (
          <span className="disclosure-spacer" />
        )}
        <button type="button" className="nav-button" aria-pressed={activeTag === node.path} onClick={() => onSelect(node.path)} title={node.path}>
          <span className={`tag-dot${node.color ? ' colored' : ''}`} aria-hidden="true" />
          <span className="nav-label"><bdi>{node.name}</bdi></span>
          {node.count !== null && <span className="count">{formatCount(node.count)}</span>}
        </button>
      </div>
      {open && node.children.length > 0 && (
        <ul>
          {node.children.map((child) => <TagTreeNode key={child.path} node={child} depth={depth + 1} activeTag={activeTag} onSelect={onSelect} />)}
        </ul>
      )}
    </li>
  );
}
