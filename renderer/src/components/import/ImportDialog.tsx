import type { UploadFile } from '../../api/http-client.js';
import { DialogHeader } from '../common/DialogHeader.js';
import { ImportSources } from './ImportSources.js';
import { useModalDialog } from '../../hooks/use-modal-dialog.js';
import { useT } from '../../i18n/locale.js';

interface ImportDialogProps {
  open: boolean;
  busy: boolean;
  onClose(): void;
  onPaths(paths: string[], tags: string[]): void;
  onFiles(files: UploadFile[], tags: string[]): void;
  onError(error: unknown): void;
}

/** The modal "Import" dialog (native <dialog>: focus trap and Esc for free). */
export function ImportDialog({ open, busy, onClose, onPaths, onFiles, onError }: ImportDialogProps) {
  const t = useT();
  const ref = useModalDialog(open);
  const close = (then: () => void) => () => {
    onClose();
    then();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="import-title" onClose={onClose}>
      <DialogHeader id="import-title" title={t('import.title')} onClose={onClose} />
      <p className="muted">
        {t('import.formats')}
      </p>
      {open && (
        <ImportSources
          disabled={busy}
          onPaths={(p, t) => close(() => onPaths(p, t))()}
          onFiles={(f, t) => close(() => onFiles(f, t))()}
          onError={onError}
        />
      )}
    </dialog>
  );
}
