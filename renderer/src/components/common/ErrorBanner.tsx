import { useErrorText } from '../../lib/errors.js';
import { Icon } from './Icon.js';
import { useT } from '../../i18n/locale.js';

/** A dismissable error line at the top of a pane. */
export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <span dir="auto">{errorText(error)}</span>
      {onDismiss && (
        <button type="button" className="icon-button" onClick={onDismiss} aria-label={t('common.dismissError')}>
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}
