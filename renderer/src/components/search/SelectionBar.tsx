import { useId, useState } from 'react';
import type { TagInfo } from '../../../../electron/shared/dto.js';
import type { BulkState } from '../../hooks/use-bulk.js';
import { useT } from '../../i18n/locale.js';
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

/** Above the results while some are selected: how many, "select all N", and tag, untag, delete for all of them at once. */
export function SelectionBar({ count, total, all, tags, bulk, onSelectAll, onClear, onTag, onUntag, onDelete }: SelectionBarProps) {
  const t = useT();
  const [tag, setTag] = useState('');
  const listId = useId();
  if (bulk.phase === 'running') {
    const of = bulk.total ?? count;
    return (
      <div className="selection-bar busy" role="status" aria-live="polite">
        <span className="selection-count">{t('bulk.progress', { action: bulk.action, done: bulk.done, total: of })}</span>
        <progress className="bulk-progress" max={Math.max(of, 1)} value={bulk.done} aria-label={t('bulk.progressLabel')} />
      </div>
    );
  }
  if (count === 0) return null;
  const cleaned = tag.split('/').map((s) => s.trim()).filter(Boolean).join('/');
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('selection.label')}>
      <div className="selection-line">
        <span className="selection-count" aria-live="polite">{all ? t('selection.all', { count }) : t('selection.count', { count })}</span>
        {!all && total > count && (
          <button type="button" className="button subtle" onClick={onSelectAll}>{t('selection.selectAll', { count: total })}</button>
        )}
        <button type="button" className="icon-button selection-clear" aria-label={t('selection.clear')} title={t('selection.clearTitle')} onClick={onClear}>
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
            aria-label={t('selection.tagFor', { count })}
            placeholder={t('selection.tagHint')}
            dir="auto"
            list={listId}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <datalist id={listId}>
            {tags.map((t) => <option key={t.path} value={t.path} />)}
          </datalist>
          <button type="submit" className="button" disabled={!cleaned}><Icon name="tag" size={14} /> {t('selection.tag')}</button>
          <button type="button" className="button" disabled={!cleaned} onClick={() => onUntag(cleaned)}>{t('selection.untag')}</button>
        </form>
        <button type="button" className="button danger-text" onClick={onDelete}><Icon name="trash" size={14} /> {t('selection.delete')}</button>
      </div>
    </div>
  );
}
