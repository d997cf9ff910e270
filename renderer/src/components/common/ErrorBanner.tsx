import { errorText } from '../../lib/errors.js';
import { Icon } from './Icon.js';

/** A dismissable error line at the top of a pane. */
export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <span dir="auto">{errorText(error)}</span>
      {onDismiss && (
        <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss error">
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}
