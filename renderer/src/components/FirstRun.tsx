import type { UploadFile } from '../api/http-client.js';
import { ImportSources } from './import/ImportSources.js';

interface FirstRunProps {
  busy: boolean;
  onPaths(paths: string[], tags: string[]): void;
  onFiles(files: UploadFile[], tags: string[]): void;
  onNewNote(): void;
  onError(error: unknown): void;
}

/** The empty archive: what Khizana is for and how to start. */
export function FirstRun({ busy, onPaths, onFiles, onNewNote, onError }: FirstRunProps) {
  return (
    <main className="first-run" aria-labelledby="welcome-title">
      <div className="first-run-card">
        <p className="welcome-ar" lang="ar" dir="rtl">أهلاً بك في خزانة</p>
        <h1 id="welcome-title">Welcome to Khizana</h1>
        <p className="lead">
          Your archive is empty. Bring in the articles, reports and notes you collect — Arabic, English or both — and find any
          of them again in a second. Everything stays on this machine; nothing is ever sent anywhere.
        </p>
        <ol className="steps">
          <li><strong>Import</strong> files or whole folders: drop them on this window, or choose them below.</li>
          <li><strong>Search</strong> as you type. <bdi lang="ar">ادلب</bdi> finds <bdi lang="ar">إدلب</bdi>, <bdi lang="ar">من</bdi> finds <bdi lang="ar">مِن</bdi>, with or without diacritics.</li>
          <li><strong>Read, tag and annotate</strong>: hits are highlighted, tags nest (<code>syria/idlib</code>), notes take Markdown.</li>
        </ol>
        <ImportSources disabled={busy} onPaths={onPaths} onFiles={onFiles} onError={onError} />
        <p className="muted">
          Or start with a <button type="button" className="link-button" onClick={onNewNote}>blank note</button>.
        </p>
      </div>
    </main>
  );
}
