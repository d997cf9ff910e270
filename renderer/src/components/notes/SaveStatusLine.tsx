import type { SaveStatus } from '../../hooks/use-note-autosave.js';
import { useErrorText } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useT } from '../../i18n/locale.js';
import type { MessageId } from '../../../../electron/shared/i18n/locale.js';

const labels: Record<SaveStatus['kind'], MessageId | null> = {
  idle: null,
  pending: 'noteStatus.editing',
  saving: 'noteStatus.saving',
  saved: 'noteStatus.saved',
  empty: 'noteStatus.empty',
  error: 'noteStatus.error',
};

/** "Saved", "Saving…", or why not. */
export function SaveStatusLine({ status }: { status: SaveStatus }) {
  const t = useT();
  const errorText = useErrorText();
  const label = labels[status.kind];
  return (
    <span className={`save-status ${status.kind}`} role="status" aria-live="polite">
      {label && t(label)}
      {status.kind === 'saved' && <span className="muted"> · {formatDateTime(status.at)}</span>}
      {status.kind === 'error' && <span>: {errorText(status.error)}</span>}
    </span>
  );
}
