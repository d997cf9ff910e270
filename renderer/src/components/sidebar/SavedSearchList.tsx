import type { SavedSearch } from '../../lib/saved-searches.js';
import { Icon } from '../common/Icon.js';

interface SavedSearchListProps {
  searches: readonly SavedSearch[];
  onApply(search: SavedSearch): void;
  onDelete(name: string): void;
}

/** Saved searches in the sidebar: apply with a click, remove with the ×. */
export function SavedSearchList({ searches, onApply, onDelete }: SavedSearchListProps) {
  if (searches.length === 0) return <p className="sidebar-empty">Save a search with the star beside the result count.</p>;
  return (
    <ul className="saved-searches" aria-label="Saved searches">
      {searches.map((s) => (
        <li key={s.name} className="nav-row">
          <button type="button" className="nav-button" onClick={() => onApply(s)} title={s.text}>
            <Icon name="star" size={14} />
            <span className="nav-label"><bdi>{s.name}</bdi></span>
          </button>
          <button type="button" className="icon-button row-action" aria-label={`Delete saved search ${s.name}`} onClick={() => onDelete(s.name)}>
            <Icon name="close" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}
