import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/locale.js';

/** A button that asks once more before doing something destructive (no blocking confirm()). */
export function ConfirmButton({ label, confirmLabel, onConfirm, children }: { label: string; confirmLabel: string; onConfirm: () => void; children?: ReactNode }) {
  const t = useT();
  const [armed, setArmed] = useState(false);
  return armed ? (
    <span className="confirm">
      <button type="button" className="button danger" onClick={() => { setArmed(false); onConfirm(); }}>{confirmLabel}</button>
      <button type="button" className="button subtle" onClick={() => setArmed(false)}>{t('common.keep')}</button>
    </span>
  ) : (
    <button type="button" className="button subtle" onClick={() => setArmed(true)} aria-label={label} title={label}>
      {children ?? label}
    </button>
  );
}
