import { shortcutList } from '../../hooks/use-hotkeys.js';
import { useModalDialog } from '../../hooks/use-modal-dialog.js';
import { DialogHeader } from './DialogHeader.js';
import { useT } from '../../i18n/locale.js';

/** The help overlay (`?`): every keyboard shortcut. A modal dialog: Esc closes it, focus goes back where it was. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  const ref = useModalDialog(open);
  return (
    <dialog ref={ref} className="dialog shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <DialogHeader id="shortcuts-title" title={t('shortcut.title')} onClose={onClose} />
      <table className="shortcuts">
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.action}>
              <th scope="row">
                {s.keys.map((k, i) => (
                  <span key={k}>{i > 0 && <span className="muted"> {t('shortcut.or')} </span>}<kbd dir="ltr">{k}</kbd></span>
                ))}
              </th>
              <td>{t(s.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted shortcuts-note">{t('shortcut.hint')}</p>
    </dialog>
  );
}
