import type { KeyboardEvent, Ref } from 'react';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  onKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  inputRef: Ref<HTMLInputElement>;
  busy: boolean;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The search field: searches as you type; ↑/↓/Enter move through results, Esc clears. */
export function SearchBox({ value, onChange, onKeyDown, inputRef, busy }: SearchBoxProps) {
  const t = useT();
  return (
    <div className={`search-box${busy ? ' busy' : ''}`}>
      <Icon name="search" />
      <input
        ref={inputRef}
        type="search"
        aria-label={t('search.label')}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        aria-controls="results-list"
        placeholder={t('search.placeholder')}
        dir="auto"
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {value ? (
        <button type="button" className="icon-button clear" aria-label={t('search.clear')} title={t('search.clearTitle')} onClick={() => onChange('')}>
          <Icon name="close" size={14} />
        </button>
      ) : (
        <kbd className="shortcut" aria-hidden="true">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      )}
    </div>
  );
}
