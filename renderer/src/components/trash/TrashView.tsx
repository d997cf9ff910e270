import type { TrashEntry } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import type { AsyncState } from '../../hooks/use-async.js';
import { formatDateTime } from '../../lib/format.js';
import { timeAgo } from '../../lib/relative-time.js';
import { ConfirmButton } from '../common/ConfirmButton.js';
import { ErrorBanner } from '../common/ErrorBanner.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface TrashViewProps {
  trash: AsyncState<TrashEntry[]>;
  onError(error: unknown): void;
}

/** The results pane while the sidebar's Trash is chosen: deleted items with Restore, and Empty trash. */
export function TrashView({ trash, onError }: TrashViewProps) {
  const t = useT();
  const { api, dataChanged } = useArchive();
  const entries = trash.value ?? [];
  const restore = (id: number) => void api.restoreItem({ id }).then(dataChanged, onError);
  const empty = () => void api.emptyTrash({}).then(dataChanged, onError);
  return (
    <section className="results-pane trash-pane" aria-label={t('trash.title')}>
      <header className="search-header trash-header">
        <h2><Icon name="trash" /> {t('trash.title')}</h2>
        <p className="trash-hint">{t('trash.hint')}</p>
        <div className="result-summary">
          <span className="result-count">{t('trash.count', { count: entries.length })}</span>
          {entries.length > 0 && <ConfirmButton label={t('trash.empty')} confirmLabel={t('trash.emptyConfirm')} onConfirm={empty} />}
        </div>
      </header>
      <ErrorBanner error={trash.error} />
      {entries.length === 0 && !trash.loading ? (
        <p className="empty-state">{t('trash.isEmpty')}</p>
      ) : (
        <ul className="trash-list" aria-label={t('trash.list')}>
          {entries.map((e) => (
            <li key={e.id} className="trash-entry">
              <Icon name={e.kind === 'note' ? 'note' : 'article'} />
              <div className="trash-text">
                <span className="trash-title" dir="auto">{e.title || t('common.untitled')}</span>
                <span className="trash-meta" title={formatDateTime(e.deletedAt)}>
                  {t('trash.deleted', { when: timeAgo(e.deletedAt, Date.now(), t('time.justNow')) })}
                  {e.notes > 0 && ` · ${t('trash.withNotes', { count: e.notes })}`}
                </span>
              </div>
              <button type="button" className="button" aria-label={t('trash.restoreLabel', { title: e.title || t('trash.untitledItem') })} onClick={() => restore(e.id)}>{t('trash.restore')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
