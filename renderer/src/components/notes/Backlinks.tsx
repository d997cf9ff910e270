import { useState } from 'react';
import { useArchive } from '../../hooks/archive-context.js';
import { useAsync } from '../../hooks/use-async.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

const shownAtFirst = 5;

/** "Linked from 3 notes": the notes that link to item `id`, each with its linking sentence; a click opens the note. */
export function Backlinks({ id, onOpenItem }: { id: number; onOpenItem?: ((id: number) => void) | undefined }) {
  const t = useT();
  const { api, dataVersion } = useArchive();
  const { value: links } = useAsync(() => api.backlinks({ id }), [api, id, dataVersion]);
  const [all, setAll] = useState(false);
  if (!links || links.length === 0) return null;
  const notes = new Set(links.map((l) => l.fromId)).size;
  const shown = all ? links : links.slice(0, shownAtFirst);
  return (
    <section className="backlinks" aria-label={t('backlinks.label')}>
      <h2 className="backlinks-count"><Icon name="note" size={13} /> {t('backlinks.count', { count: notes })}</h2>
      <ul>
        {shown.map((link, i) => (
          <li key={`${link.fromId}-${i}`}>
            <button type="button" className="backlink" onClick={() => onOpenItem?.(link.fromId)}>
              <span className="backlink-title" dir="auto">{link.fromTitle || t('notes.untitled')}</span>
              <span className="backlink-sentence" dir="auto">{link.sentence}</span>
            </button>
          </li>
        ))}
      </ul>
      {links.length > shown.length && (
        <button type="button" className="button subtle" onClick={() => setAll(true)}>{t('backlinks.showAll', { count: links.length })}</button>
      )}
    </section>
  );
}
