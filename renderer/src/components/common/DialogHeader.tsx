import { Icon } from './Icon.js';
import { useT } from '../../i18n/locale.js';

/** A modal dialog's title (`id` labels the dialog) and its close button. */
export function DialogHeader({ id, title, onClose }: { id: string; title: string; onClose(): void }) {
  const t = useT();
  return (
    <header className="dialog-header">
      <h2 id={id}>{title}</h2>
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
        <Icon name="close" />
      </button>
    </header>
  );
}
