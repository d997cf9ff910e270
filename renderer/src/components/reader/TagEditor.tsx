import { useId, useState, type KeyboardEvent } from 'react';
import type { TagInfo } from '../../../../electron/shared/dto.js';
import { Icon } from '../common/Icon.js';
import { TagChip } from '../common/TagChip.js';
import { useT } from '../../i18n/locale.js';

const palette = ['#d64545', '#e07b39', '#c9a227', '#3f9d5a', '#2f8f9d', '#3b6fd4', '#7a55c9', '#c2508f'];
/** What a screen reader says for each colour of the palette. */
const paletteNames = ['red', 'orange', 'ochre', 'green', 'teal', 'blue', 'purple', 'pink'];

interface TagEditorProps {
  tags: readonly string[];
  allTags: readonly TagInfo[];
  onAdd(tag: string): void;
  onRemove(tag: string): void;
  onColor(tag: string, color: string | null): void;
  onOpenTag(tag: string): void;
}

/** The item's tags: click to filter, × to remove, dot to colour; an input with autocomplete adds. */
export function TagEditor({ tags, allTags, onAdd, onRemove, onColor, onOpenTag }: TagEditorProps) {
  const msg = useT();
  const [colouring, setColouring] = useState<string | null>(null);
  const colorOf = (path: string): string | null => allTags.find((t) => t.path === path)?.color ?? null;
  return (
    <div className="tag-editor">
      <ul className="tag-list" aria-label={msg('tags.ofItem')}>
        {tags.map((tag) => (
          <li key={tag}>
            <TagChip path={tag} color={colorOf(tag)} onClick={() => onOpenTag(tag)}>
              <button type="button" className="chip-action" aria-label={msg('tags.colourOf', { tag })} aria-expanded={colouring === tag} onClick={() => setColouring(colouring === tag ? null : tag)}>
                <span className="swatch-mini" aria-hidden="true" />
              </button>
              <button type="button" className="chip-action" aria-label={msg('tags.remove', { tag })} onClick={() => onRemove(tag)}>
                <Icon name="close" size={12} />
              </button>
            </TagChip>
          </li>
        ))}
        <li className="tag-input-item">
          <TagInput existing={tags} allTags={allTags} onAdd={onAdd} />
        </li>
      </ul>
      {colouring && (
        <div className="palette" role="group" aria-label={msg('tags.colourFor', { tag: colouring })}>
          {palette.map((c, i) => (
            <button key={c} type="button" className="swatch" style={{ background: c }} aria-label={msg('colour.name', { color: paletteNames[i] ?? c })} onClick={() => { onColor(colouring, c); setColouring(null); }} />
          ))}
          <button type="button" className="swatch none" aria-label={msg('tags.noColour')} onClick={() => { onColor(colouring, null); setColouring(null); }} />
        </div>
      )}
    </div>
  );
}

/** A combobox: type a tag (a/b for hierarchy), pick a suggestion with ↑/↓, Enter adds. */
function TagInput({ existing, allTags, onAdd }: { existing: readonly string[]; allTags: readonly TagInfo[]; onAdd(tag: string): void }) {
  const msg = useT();
  const [value, setValue] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const needle = value.trim().toLocaleLowerCase();
  const suggestions = needle
    ? allTags.filter((t) => !existing.includes(t.path) && t.path.toLocaleLowerCase().includes(needle)).slice(0, 8)
    : [];
  const showList = open && suggestions.length > 0;

  const commit = (tag: string): void => {
    const clean = tag.trim();
    if (!clean) return;
    onAdd(clean);
    setValue('');
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && suggestions.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, suggestions.length - 1));
    } else if (e.key === 'ArrowUp' && suggestions.length) {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commit(showList && active >= 0 ? suggestions[active]!.path : value);
    } else if (e.key === 'Escape' && value) {
      e.stopPropagation();
      setValue('');
    }
  };

  return (
    <div className="tag-input">
      <Icon name="tag" size={14} />
      <input
        role="combobox"
        aria-label={msg('tags.add')}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        dir="auto"
        placeholder={msg('tags.addHint')}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label={msg('tags.suggestions')} className="suggest" hidden={!showList}>
        {suggestions.map((t, i) => (
          <li
            key={t.path}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseDown={(e) => {
              e.preventDefault(); // keep focus in the input
              commit(t.path);
            }}
          >
            <bdi>{t.path}</bdi> <span className="count">{t.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
