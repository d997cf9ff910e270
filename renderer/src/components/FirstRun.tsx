import type { UploadFile } from '../api/http-client.js';
import { ImportSources } from './import/ImportSources.js';
import type { ReactNode } from 'react';
import { useLocale, useRich, useT } from '../i18n/locale.js';

interface FirstRunProps {
  busy: boolean;
  onPaths(paths: string[], tags: string[]): void;
  onFiles(files: UploadFile[], tags: string[]): void;
  onNewNote(): void;
  onError(error: unknown): void;
}

/** The empty archive: what Khizana is for and how to start. */
export function FirstRun({ busy, onPaths, onFiles, onNewNote, onError }: FirstRunProps) {
  const t = useT();
  const rich = useRich();
  const markup = {
    b: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
    ar: (chunks: ReactNode[]) => <bdi lang="ar">{chunks}</bdi>,
    code: (chunks: ReactNode[]) => <code>{chunks}</code>,
  };
  const otherLang = t('firstRun.greeting');
  const { locale } = useLocale();
  return (
    <main className="first-run" aria-labelledby="welcome-title">
      <div className="first-run-card">
        <p className="welcome-ar" lang={locale === 'ar' ? 'en' : 'ar'} dir="auto">{otherLang}</p>
        <h1 id="welcome-title">{t('firstRun.title')}</h1>
        <p className="lead">{t('firstRun.lead')}</p>
        <ol className="steps">
          <li>{rich('firstRun.import', markup)}</li>
          <li>{rich('firstRun.search', markup)}</li>
          <li>{rich('firstRun.read', markup)}</li>
        </ol>
        <ImportSources disabled={busy} onPaths={onPaths} onFiles={onFiles} onError={onError} />
        <p className="muted">
          {rich('firstRun.blankNote', {
            note: (chunks: ReactNode[]) => <button type="button" className="link-button" onClick={onNewNote}>{chunks}</button>,
          })}
        </p>
      </div>
    </main>
  );
}
