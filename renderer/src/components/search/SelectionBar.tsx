import { useId, useState } from 'react';
import type { TagInfo } from '../../../../electron/shared/dto.js';
import type { BulkState } from '../../hooks/use-bulk.js';
import { formatCount } from '../../lib/format.js';
import { Icon } from '../common/Icon.js';

interface SelectionBarProps {
  count: number;
  /** Results of the search (all pages). */
  total: number;
  /** Every result is selected ("select all"), not only chosen rows. */
  all: boolean;
  tags: readonly TagInfo[];
  bulk: BulkState;
  onSelectAll(): void;
  onClear(): void;
  onTag(tag: string): void;
  onUntag(tag: string): void;
  onDelete(): void;
}

const doing = { tag: 'Tagging', untag: 'Removing the tag from', delete: 'Moving to the trash', restore: 'Restoring' } as const;

/** Above the results while some are selected: how many, "select all N", and tag, untag, delete for all of them at once. */
export function SelectionBar({ count, total, all, tags, bulk, onSelectAll, onClear, onTag, onUntag, onDelete }: SelectionBarProps) {
  const [tag, setTag] = useState('');
  const listId = useId();
  if (bulk.phase === 'running') {
    const of = bulk.total ?? count;
    return (
      <div className="selection-bar busy" role="status" aria-live="polite">
        <span className="selection-count">{doing[bulk.action]} {formatCount(bulk.done)} of {formatCount(of)} items…</span>
        <progress className="bulk-progress" max={Math.max(of, 1)} value={bulk.done} aria-label="Progress" />
      </div>
    );
  }
  if (count === 0) return null;
  const cleaned = tag.split('/').map((s) => s.trim()).filter(Boolean).join('/');
  const items = `${formatCount(count)} ${count === 1 ? 'item' : 'items'}`;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected results">
      <div className="selection-line">
        <span className="selection-count" aria-live="polite">{all ? `All ${items} selected` : `${formatCount(count)} selected`}</span>
        {!all && total > count && (
          <button type="button" className="button subtle" onClick={onSelectAll}>Select all {formatCount(total)} results</button>
        )}
        <button type="button" className="icon-button selection-clear" aria-label="Clear the selection" title="Clear the selection (Esc)" onClick={onClear}>
          <Icon name="close" size={12} />
        </button>
      </div>
      <div className="selection-line">
        <form
          className="selection-tag"
          onSubmit={(e) => {
            e.preventDefault();
            if (cleaned) onTag(cleaned);
          }}
        >
          <input
            className="input"
            aria-label={`Tag for the ${items}`}
            placeholder="Tag…"
            dir="auto"
            list={listId}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <datalist id={listId}>
            {tags.map((t) => <option key={t.path} value={t.path} />)}
          </datalist>
          <button type="submit" className="button" disabled={!cleaned}><Icon name="tag" size={14} /> Tag</button>
          <button type="button" className="button" disabled={!cleaned} onClick={() => onUntag(cleaned)}>Untag</button>
        </form>
        <button type="button" className="button danger-text" onClick={onDelete}><Icon name="trash" size={14} /> Delete</button>
      </div>
    </div>
  );
}
