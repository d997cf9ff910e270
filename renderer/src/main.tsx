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
import { errorText } from './lib/errors.js';

const root = createRoot(document.getElementById('root')!);

function NotConnected({ message }: { message: string }) {
  return (
    <main className="not-connected">
      <h1>Khizana cannot reach its archive</h1>
      <p>{message}</p>
    </main>
  );
}

try {
  // Take the token out of the address bar before anything else runs or renders, and connect.
  if (!window.archive && takeToken() === null) {
    root.render(<TokenProblem kind="missing" />);
  } else {
    // The first request the serve refuses replaces the whole window: an earlier run's token.
    if (!window.archive) onUnauthorized(() => root.render(<TokenProblem kind="stale" />));
    getArchiveApi();
    root.render(
      <StrictMode>
        <ArchiveProvider>
          <App />
        </ArchiveProvider>
      </StrictMode>,
    );
  }
} catch (error) {
  root.render(<NotConnected message={errorText(error)} />);
}
