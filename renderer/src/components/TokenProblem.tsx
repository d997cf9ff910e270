// The page a browser shows instead of the archive when it has no token, or one from an earlier
// run of `khizana serve`: what happened and what to do, never an empty-looking archive.
import { useState, type FormEvent } from 'react';
import { serveAddressWithState } from '../lib/serve-address.js';

/** `missing`: no token came with this page; `stale`: the serve refused the one it has. */
export function TokenProblem({ kind }: { kind: 'missing' | 'stale' }) {
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
      <h1>{kind === 'stale' ? 'This address is from an earlier khizana serve' : 'This address has no access token'}</h1>
      {kind === 'stale' ? (
        <p>
          Each run of <code>khizana serve</code> has its own access token, and the one this page holds no longer works:
          Khizana was stopped or started again since. Your archive is unchanged.
        </p>
      ) : (
        <p>
          Khizana in a browser only opens through the address <code>khizana serve</code> printed, which carries the access
          key of that run.
        </p>
      )}
      <ol>
        <li>
          In the terminal where <code>khizana serve</code> runs, copy the address it printed:{' '}
          <code dir="ltr">Khizana is running at http://127.0.0.1:PORT/?token=…</code>
        </li>
        <li>Open that address. If it is not running, start it first: <code>npx khizana serve</code>.</li>
      </ol>
      <form onSubmit={open}>
        <label htmlFor="serve-address">
          {hasState ? 'Or paste the new address here to open it with this search and open item:' : 'Or paste the new address here:'}
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
          <button type="submit" className="button primary">Open</button>
        </div>
        {invalid && (
          <p id="serve-address-error" className="token-problem-error" role="alert">
            That is not an address from <code>khizana serve</code>: it starts with http://127.0.0.1: and ends with ?token=….
          </p>
        )}
      </form>
    </main>
  );
}
