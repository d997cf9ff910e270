import type { SavedSearch } from '../../lib/saved-searches.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface SavedSearchListProps {
  searches: readonly SavedSearch[];
  onApply(search: SavedSearch): void;
  onDelete(name: string): void;
}

/** Saved searches in the sidebar: apply with a click, remove with the ×. */
export function SavedSearchList({ searches, onApply, onDelete }: SavedSearchListProps) {
  const t = useT();
  if (searches.length === 0) return <p className="sidebar-empty">{t('sidebar.noSaved')}</p>;
  return (
    <ul className="saved-searches" aria-label={t('sidebar.savedSearches')}>
      {searches.map((s) => (
        <li key={s.name} className="nav-row">
          <button type="button" className="nav-button" onClick={() => onApply(s)} title={s.text}>
            <Icon name="star" size={14} />
            <span className="nav-label"><bdi>{s.name}</bdi></span>
          </button>
          <button type="button" className="icon-button row-action" aria-label={t('sidebar.deleteSaved', { name: s.name })} onClick={() => onDelete(s.name)}>
            <Icon name="close" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
