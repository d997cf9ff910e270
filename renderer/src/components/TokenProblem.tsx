// The page a browser shows instead of the archive when it has no token, or one from an earlier
// run of `khizana serve`: what happened and what to do, never an empty-looking archive.
import { useState, type FormEvent, type ReactNode } from 'react';
import { serveAddressWithState } from '../lib/serve-address.js';
import { useRich, useT } from '../i18n/locale.js';

/** `missing`: no token came with this page; `stale`: the serve refused the one it has. */
export function TokenProblem({ kind }: { kind: 'missing' | 'stale' }) {
  const t = useT();
  const rich = useRich();
  const code = (chunks: ReactNode[]) => <code>{chunks}</code>;
  const [pasted, setPasted] = useState('');
  const [invalid, setInvalid] = useState(false);
  const hasState = window.location.hash.length > 1;
  const open = (event: FormEvent): void => {
    event.preventDefault();
    const target = serveAddressWithState(pasted, window.location.hash);
    if (target === null) setInvalid(true);
    else window.location.assign(target);
  };
  return (
    <main className="not-connected token-problem" data-problem={kind}>
      <h1>{kind === 'stale' ? t('token.staleTitle') : t('token.missingTitle')}</h1>
      {kind === 'stale' ? (
        <p>
          {rich('token.stale', { code })}
        </p>
      ) : (
        <p>
          {rich('token.missing', { code })}
        </p>
      )}
      <ol>
        <li>
          {rich('token.step1', { code })}{' '}
          <code dir="ltr">Khizana is running at http://127.0.0.1:PORT/?token=…</code>
        </li>
        <li>{rich('token.step2', { code })}</li>
      </ol>
      <form onSubmit={open}>
        <label htmlFor="serve-address">
          {hasState ? t('token.pasteWithState') : t('token.paste')}
        </label>
        <div className="token-problem-row">
          <input
            id="serve-address"
            type="text"
            inputMode="url"
            spellCheck={false}
            dir="ltr"
            value={pasted}
            placeholder="http://127.0.0.1:PORT/?token=…"
            aria-invalid={invalid}
            aria-describedby={invalid ? 'serve-address-error' : undefined}
            onChange={(e) => {
              setPasted(e.target.value);
              setInvalid(false);
            }}
          />
          <button type="submit" className="button primary">{t('token.open')}</button>
        </div>
        {invalid && (
          <p id="serve-address-error" className="token-problem-error" role="alert">
            {rich('token.invalid', { code })}
          </p>
        )}
      </form>
    </main>
  );
}
