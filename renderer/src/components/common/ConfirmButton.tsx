import { useState, type ReactNode } from 'react';

/** A button that asks once more before doing something destructive (no blocking confirm()). */
export function ConfirmButton({ label, confirmLabel, onConfirm, children }: { label: string; confirmLabel: string; onConfirm: () => void; children?: ReactNode }) {
  const [armed, setArmed] = useState(false);
  return armed ? (
    <span className="confirm">
      <button type="button" className="button danger" onClick={() => { setArmed(false); onConfirm(); }}>{confirmLabel}</button>
      <button type="button" className="button subtle" onClick={() => setArmed(false)}>Keep</button>
    </span>
  ) : (
    <button type="button" className="button subtle" onClick={() => setArmed(true)} aria-label={label} title={label}>
      {children ?? label}
    </button>
  );
}
