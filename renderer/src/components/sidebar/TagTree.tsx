import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { TagInfo } from '../../../../electron/shared/dto.js';
import { formatCount } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';
import { buildTagTree, type TagNode } from './tag-tree.js';
import { useRich, useT } from '../../i18n/locale.js';

/** What the tag menu can do to a tag (and its sub-tags). */
export interface TagActions {
  onRename(from: string, to: string): void;
  /** Deletes the tag and its sub-tags (the menu has asked for confirmation). */
  onDelete(path: string): void;
  onColor(path: string, color: string | null): void;
}

interface TagTreeProps extends TagActions {
  tags: readonly TagInfo[];
  activeTag: string | null;
  onSelect(path: string): void;
}

/** Colours offered in the tag menu, with the names a screen reader says for them. */
export const tagColors = ['#c0392b', '#d35400', '#b7950b', '#27ae60', '#0f6e6e', '#2980b9', '#8e44ad', '#7f8c8d'];
const tagColorNames = ['red', 'orange', 'ochre', 'green', 'teal', 'blue', 'purple', 'grey'];

type Menu = { path: string; x: number; y: number; confirmDelete: boolean };

/**
 * The sidebar's tag tree with counts; a click filters the results by that tag (and sub-tags).
 * Right-click on a tag, or its ⋯ button (keyboard: Tab to it, Enter), opens its menu: Rename (an
 * inline field), a colour, Delete (after a confirmation saying how many items it is on).
 */
export function TagTree({ tags, activeTag, onSelect, ...actions }: TagTreeProps) {
  const tree = buildTagTree(tags);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const t = useT();
  if (tree.length === 0) return <p className="sidebar-empty">{t('sidebar.noTags')}</p>;
  const byPath = new Map(tags.map((t) => [t.path, t]));
  const openMenu = (path: string, x: number, y: number) => setMenu({ path, x, y, confirmDelete: false });
  return (
    <>
      <ul className="tag-tree" aria-label={t('sidebar.tags')}>
        {tree.map((node) => (
          <TagTreeNode key={node.path} node={node} depth={0} activeTag={activeTag} onSelect={onSelect} onMenu={openMenu} renaming={renaming} onRenamed={(to) => {
            if (renaming && to !== null && to !== renaming) actions.onRename(renaming, to);
            setRenaming(null);
          }} />
        ))}
      </ul>
      {menu && (
        <TagMenu
          menu={menu}
          tag={byPath.get(menu.path) ?? { path: menu.path, color: null, count: 0 }}
          subTags={tags.filter((t) => t.path.toLowerCase().startsWith(`${menu.path.toLowerCase()}/`)).length}
          onClose={() => setMenu(null)}
          onRename={() => { setRenaming(menu.path); setMenu(null); }}
          onConfirmDelete={() => setMenu({ ...menu, confirmDelete: true })}
          onDelete={() => { actions.onDelete(menu.path); setMenu(null); }}
          onColor={(color) => { actions.onColor(menu.path, color); setMenu(null); }}
        />
      )}
    </>
  );
}

interface NodeProps {
  node: TagNode;
  depth: number;
  activeTag: string | null;
  onSelect(path: string): void;
  onMenu(path: string, x: number, y: number): void;
  renaming: string | null;
  /** The new path, or null when renaming was cancelled. */
  onRenamed(to: string | null): void;
}

function TagTreeNode({ node, depth, activeTag, onSelect, onMenu, renaming, onRenamed }: NodeProps) {
  const t = useT();
  const [open, setOpen] = useState(true);
  const style = { '--depth': depth, ...(node.color ? { '--tag-color': node.color } : {}) } as CSSProperties;
  return (
    <li>
      <div
        className={`nav-row tag-row${activeTag === node.path ? ' active' : ''}`}
        style={style}
        onContextMenu={(e) => {
          e.preventDefault();
          onMenu(node.path, e.clientX, e.clientY);
        }}
      >
        {node.children.length > 0 ? (
          <button type="button" className={`disclosure${open ? ' open' : ''}`} aria-expanded={open} aria-label={t(open ? 'sidebar.collapse' : 'sidebar.expand', { tag: node.path })} onClick={() => setOpen(!open)}>
            <Icon name="chevron" size={12} />
          </button>
        ) : (
          <span className="disclosure-spacer" />
        )}
        {renaming === node.path ? (
          <RenameField path={node.path} onDone={onRenamed} />
        ) : (
          <>
            <button type="button" className="nav-button" aria-pressed={activeTag === node.path} onClick={() => onSelect(node.path)} title={node.path}>
              <span className={`tag-dot${node.color ? ' colored' : ''}`} aria-hidden="true" />
              <span className="nav-label"><bdi>{node.name}</bdi></span>
              {node.count !== null && <span className="count">{formatCount(node.count)}</span>}
            </button>
            <button
              type="button"
              className="icon-button row-action tag-menu-button"
              aria-label={t('tagMenu.actions', { tag: node.path })}
              aria-haspopup="menu"
              onClick={(e) => {
                const box = e.currentTarget.getBoundingClientRect();
                onMenu(node.path, box.left, box.bottom + 2);
              }}
            >
              <span aria-hidden="true">⋯</span>
            </button>
          </>
        )}
      </div>
      {open && node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TagTreeNode key={child.path} node={child} depth={depth + 1} activeTag={activeTag} onSelect={onSelect} onMenu={onMenu} renaming={renaming} onRenamed={onRenamed} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The inline rename field: the whole path, so a tag can also move (`syria` → `levant/syria`). Enter renames, Esc cancels. */
function RenameField({ path, onDone }: { path: string; onDone(to: string | null): void }) {
  const t = useT();
  const [value, setValue] = useState(path);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <input
      ref={ref}
      className="tag-rename"
      aria-label={t('tagMenu.renameField', { tag: path })}
      dir="auto"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          const to = value.split('/').map((s) => s.trim()).filter(Boolean).join('/');
          onDone(to || null);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onDone(null);
        }
      }}
      onBlur={() => onDone(null)}
    />
  );
}

interface TagMenuProps {
  menu: Menu;
  tag: TagInfo;
  subTags: number;
  onClose(): void;
  onRename(): void;
  onConfirmDelete(): void;
  onDelete(): void;
  onColor(color: string | null): void;
}

/** The tag's menu at the pointer (or under its ⋯ button): arrows move, Esc closes. */
function TagMenu({ menu, tag, subTags, onClose, onRename, onConfirmDelete, onDelete, onColor }: TagMenuProps) {
  const t = useT();
  const rich = useRich();
  const ref = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(menu.confirmDelete ? '.tag-delete-cancel' : '[role=menuitem]')?.focus();
  }, [menu.confirmDelete]);
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);
  const close = () => {
    onClose();
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
  };
  // Viewport coordinates (the pointer's), kept on screen.
  const style: CSSProperties = { left: Math.max(4, Math.min(menu.x, window.innerWidth - 250)), top: Math.max(4, Math.min(menu.y, window.innerHeight - 170)) };
  return (
    <div ref={ref} className="tag-menu" role={menu.confirmDelete ? 'alertdialog' : 'menu'} aria-label={t('tagMenu.label', { tag: tag.path })} style={style} onKeyDown={onKeyDown}>
      {menu.confirmDelete ? (
        <div className="tag-delete-confirm">
          <p>
            {rich('tagMenu.confirm', {
              tag: tag.path,
              b: (chunks: ReactNode[]) => <bdi className="tag-name">{chunks}</bdi>,
              subTags: subTags > 0 ? t('toast.subTags', { count: subTags }) : '',
              items: t('toast.items', { count: tag.count }),
            })}
          </p>
          <div className="confirm">
            <button type="button" className="button danger" onClick={onDelete}>{t('tagMenu.deleteTag')}</button>
            <button type="button" className="button subtle tag-delete-cancel" onClick={close}>{t('details.cancel')}</button>
          </div>
        </div>
      ) : (
        <>
          <button type="button" role="menuitem" className="menu-item" onClick={onRename}>{t('tagMenu.rename')}</button>
          <div className="menu-colors" role="group" aria-label={t('tagMenu.colour')}>
            {tagColors.map((color, i) => (
              <button
                key={color}
                type="button"
                role="menuitemradio"
                aria-checked={tag.color === color}
                aria-label={t('colour.name', { color: tagColorNames[i] ?? color })}
                className="swatch"
                style={{ background: color }}
                onClick={() => onColor(color)}
              />
            ))}
            <button type="button" role="menuitemradio" aria-checked={tag.color === null} aria-label={t('tags.noColour')} className="swatch none" onClick={() => onColor(null)} />
          </div>
          <button type="button" role="menuitem" className="menu-item danger" onClick={onConfirmDelete}>{t('tagMenu.delete')}</button>
        </>
      )}
    </div>
  );
}
