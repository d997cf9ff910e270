// Entry point of the UI (Electron window and `khizana serve` alike).
import './lib/zod-jitless.js'; // first: before any schema is built
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../resources/fonts/fonts.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/results.css';
import './styles/reader.css';
import './styles/notes.css';
import './styles/import.css';
import './styles/backup.css';
import './styles/trash.css';
import './styles/pages.css';
import './styles/annotations.css';
import './styles/token-problem.css';
import { App } from './App.js';
import { ArchiveProvider } from './hooks/archive-context.js';
import { getArchiveApi } from './api/get-archive-api.js';
import { takeToken } from './api/token.js';
import { onUnauthorized } from './api/unauthorized.js';
import { TokenProblem } from './components/TokenProblem.js';
import { useErrorText } from './lib/errors.js';
import { LocaleProvider, useT } from './i18n/locale.js';

const root = createRoot(document.getElementById('root')!);

function NotConnected({ error }: { error: unknown }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <main className="not-connected">
      <h1>{t('app.notConnected')}</h1>
      <p>{errorText(error)}</p>
    </main>
  );
}

try {
  // Take the token out of the address bar before anything else runs or renders, and connect.
  if (!window.archive && takeToken() === null) {
    root.render(
      <LocaleProvider>
        <TokenProblem kind="missing" />
      </LocaleProvider>,
    );
  } else {
    // The first request the serve refuses replaces the whole window: an earlier run's token.
    if (!window.archive) {
      onUnauthorized(() =>
        root.render(
          <LocaleProvider>
            <TokenProblem kind="stale" />
          </LocaleProvider>,
        ),
      );
    }
    getArchiveApi();
    root.render(
      <StrictMode>
        <LocaleProvider>
          <ArchiveProvider>
            <App />
          </ArchiveProvider>
        </LocaleProvider>
      </StrictMode>,
    );
  }
} catch (error) {
  root.render(
    <LocaleProvider>
      <NotConnected error={error} />
    </LocaleProvider>,
  );
}
