import { useRef, useState } from 'react';
import { importAccept } from '../../../../electron/shared/import-formats.js';
import type { UploadFile } from '../../api/http-client.js';
import { useArchive } from '../../hooks/archive-context.js';
import { filesFromInput } from '../../lib/dropped-files.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface ImportSourcesProps {
  disabled: boolean;
  onPaths(paths: string[], tags: string[]): void;
  onFiles(files: UploadFile[], tags: string[]): void;
  onError(error: unknown): void;
}

/** Every way to start an import: system dialog (desktop), file/folder pickers (browser), a typed path. */
export function ImportSources({ disabled, onPaths, onFiles, onError }: ImportSourcesProps) {
  const t = useT();
  const { host, upload } = useArchive();
  const [path, setPath] = useState('');
  const [tag, setTag] = useState('');
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const tags = tag.trim() ? [tag.trim()] : [];

  const fromInput = (input: HTMLInputElement): void => {
    if (input.files && input.files.length > 0) onFiles(filesFromInput(input.files), tags);
    input.value = '';
  };

  return (
    <div className="import-sources">
      <div className="import-buttons">
        {host && (
          <>
            <button type="button" className="button primary" disabled={disabled} onClick={() => void host.pickImportPaths().then((p) => onPaths(p, tags), onError)}>
              <Icon name="file" /> {t('import.chooseFiles')}
            </button>
            <button type="button" className="button" disabled={disabled} onClick={() => void host.pickImportPaths({ folders: true }).then((p) => onPaths(p, tags), onError)}>
              <Icon name="folder" /> {t('import.chooseFolder')}
            </button>
          </>
        )}
        {!host && upload && (
          <>
            <button type="button" className="button primary" disabled={disabled} onClick={() => filesRef.current?.click()}>
              <Icon name="file" /> {t('import.chooseFiles')}
            </button>
            <button type="button" className="button" disabled={disabled} onClick={() => folderRef.current?.click()}>
              <Icon name="folder" /> {t('import.chooseFolder')}
            </button>
            <input ref={filesRef} type="file" multiple accept={importAccept} hidden aria-label={t('import.chooseFilesLabel')} onChange={(e) => fromInput(e.currentTarget)} />
            <input
              ref={(el) => {
                folderRef.current = el;
                // Not in React's types: lets the picker choose a whole folder.
                el?.setAttribute('webkitdirectory', '');
              }}
              type="file"
              hidden
              aria-label={t('import.chooseFolderLabel')}
              onChange={(e) => fromInput(e.currentTarget)}
            />
          </>
        )}
      </div>
      <p className="muted drop-hint">{t('import.dropHint')}</p>
      <form
        className="path-import"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) onPaths([path.trim()], tags);
        }}
      >
        <label htmlFor="import-path">{t('import.pathLabel')}</label>
        <div className="inline-field">
          <input id="import-path" type="text" dir="auto" placeholder="/home/me/Articles" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
          <button type="submit" className="button" disabled={disabled || !path.trim()}>{t('import.pathButton')}</button>
        </div>
      </form>
      <label className="import-tag">
        <span>{t('import.tagLabel')}</span>
        <input type="text" dir="auto" placeholder={t('import.tagHint')} value={tag} onChange={(e) => setTag(e.target.value)} />
      </label>
    </div>
  );
}
