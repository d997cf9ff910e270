import type { SaveStatus } from '../../hooks/use-note-autosave.js';
import { errorText } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';

const labels: Record<SaveStatus['kind'], string> = {
  idle: '',
  pending: 'Editing…',
  saving: 'Saving…',
  saved: 'Saved',
  empty: 'Empty notes are not saved',
  error: 'Not saved',
};

/** "Saved", "Saving…", or why not. */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  return (
    <span className={`save-status ${status.kind}`} role="status" aria-live="polite">
      {labels[status.kind]}
      {status.kind === 'saved' && <span className="muted"> · {formatDateTime(status.at)}</span>}
      {status.kind === 'error' && <span>: {errorText(status.error)}</span>}
    </span>
  );
}
