import type { TrashEntry } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import type { AsyncState } from '../../hooks/use-async.js';
import { formatDateTime } from '../../lib/format.js';
import { timeAgo } from '../../lib/relative-time.js';
import { ConfirmButton } from '../common/ConfirmButton.js';
import { ErrorBanner } from '../common/ErrorBanner.js';
import { Icon } from '../common/Icon.js';

interface TrashViewProps {
  trash: AsyncState<TrashEntry[]>;
  onError(error: unknown): void;
}

/** The results pane while the sidebar's Trash is chosen: deleted items with Restore, and Empty trash. */
export function TrashView({ trash, onError }: TrashViewProps) {
  const { api, dataChanged } = useArchive();
  const entries = trash.value ?? [];
  const restore = (id: number) => void api.restoreItem({ id }).then(dataChanged, onError);
  const empty = () => void api.emptyTrash({}).then(dataChanged, onError);
  return (
    <section className="results-pane trash-pane" aria-label="Trash">
      <header className="search-header trash-header">
        <h2><Icon name="trash" /> Trash</h2>
        <p className="trash-hint">Deleted items and the notes attached to them. Emptying the trash deletes them for good, with their original files.</p>
        <div className="result-summary">
          <span className="result-count">{entries.length === 1 ? '1 item' : `${entries.length} items`}</span>
          {entries.length > 0 && <ConfirmButton label="Empty trash" confirmLabel="Delete all for good" onConfirm={empty} />}
        </div>
      </header>
      <ErrorBanner error={trash.error} />
      {entries.length === 0 && !trash.loading ? (
        <p className="empty-state">The trash is empty.</p>
      ) : (
        <ul className="trash-list" aria-label="Deleted items">
          {entries.map((e) => (
            <li key={e.id} className="trash-entry">
              <Icon name={e.kind === 'note' ? 'note' : 'article'} />
              <div className="trash-text">
                <span className="trash-title" dir="auto">{e.title || '(untitled)'}</span>
                <span className="trash-meta" title={formatDateTime(e.deletedAt)}>
                  Deleted {timeAgo(e.deletedAt)}
                  {e.notes > 0 && ` · with ${e.notes} note${e.notes === 1 ? '' : 's'}`}
                </span>
              </div>
              <button type="button" className="button" aria-label={`Restore ${e.title || 'untitled item'}`} onClick={() => restore(e.id)}>Restore</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
