import type { SearchHit, Span } from '../../../../electron/shared/dto.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';
import type { LinkAutocomplete } from './use-link-autocomplete.js';

export const linkSuggestionsId = 'note-link-suggestions';

/** Id of suggestion `index`, for the textarea's aria-activedescendant. */
export function suggestionId(index: number): string {
  return `${linkSuggestionsId}-${index}`;
}

/** A title with the parts the query matched in bold. */
function MarkedTitle({ title, spans }: { title: string; spans: Span[] }) {
  const parts: Array<string | { b: string }> = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    parts.push(title.slice(at, s), { b: title.slice(s, e) });
    at = e;
  }
  parts.push(title.slice(at));
  return <bdi>{parts.map((p, i) => (typeof p === 'string' ? p : <b key={i}>{p.b}</b>))}</bdi>;
}

/** The `[[` popup: item and note titles the typed words find; the mouse or the arrows and Enter choose. */
export function LinkSuggestions({ ac }: { ac: LinkAutocomplete }) {
  const t = useT();
  if (!ac.open || !ac.place) return null;
  const { place } = ac;
  const status = ac.query.trim() === '' ? t('linkSuggest.type') : ac.loading && ac.hits.length === 0 ? t('search.searching') : ac.hits.length === 0 ? t('linkSuggest.none') : null;
  return (
    <div
      className={`link-suggestions${place.above ? ' above' : ''}`}
      dir={place.dir}
      style={{ insetBlockStart: place.top, left: place.left, inlineSize: place.width }}
      // Clicking a suggestion must not take the focus (and the caret) from the editor.
      onMouseDown={(e) => e.preventDefault()}
    >
      <div className="link-suggestions-head muted">{t('linkSuggest.head')}</div>
      {status !== null ? (
        <div className="link-suggestions-status muted" role="status">{status}</div>
      ) : (
        <ul id={linkSuggestionsId} role="listbox" aria-label={t('linkSuggest.list')}>
          {ac.hits.map((hit: SearchHit, i) => (
            <li
              key={hit.id}
              id={suggestionId(i)}
              role="option"
              aria-selected={i === ac.active}
              className="link-suggestion"
              onMouseEnter={() => ac.setActive(i)}
              onClick={() => ac.choose(hit)}
            >
              <Icon name={hit.kind === 'note' ? 'note' : 'article'} size={13} />
              <span className="link-suggestion-title" dir="auto"><MarkedTitle title={hit.title || t('linkSuggest.untitled')} spans={hit.titleHighlights} /></span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
