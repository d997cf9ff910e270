import type { MouseEvent } from 'react';
import type { SearchHit } from '../../../../electron/shared/dto.js';
import { formatDate, languageName } from '../../lib/format.js';
import { warmUpPdfJs } from '../../lib/pdf/load-pdf.js';
import { HighlightedText } from '../common/HighlightedText.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface ResultRowProps {
  hit: SearchHit;
  active: boolean;
  open: boolean;
  /** Chosen for a bulk action (multi-select). */
  selected: boolean;
  /** A click: opens it, or with Shift / Ctrl / Cmd changes the selection (the list decides). */
  onOpen(event: MouseEvent): void;
  /** Opens the item at the hit's PDF page (the page view). */
  onOpenPage(page: number): void;
}

/** One result: title and snippet with hits marked, in their own direction; date, language, tags. */
export function ResultRow({ hit, active, open, selected, onOpen, onOpenPage }: ResultRowProps) {
  const t = useT();
  return (
    <>
      <button
        type="button"
        className={`result${active ? ' active' : ''}${open ? ' open' : ''}${selected ? ' selected' : ''}`}
        aria-current={open ? 'true' : undefined}
        tabIndex={active ? 0 : -1}
        // Shift-click would also select text on the page: only the rows should be.
        onMouseDown={(e) => { if (e.shiftKey) e.preventDefault(); }}
        onClick={onOpen}
      >
        {selected && <span className="result-check" aria-label={t('row.selected')}><span aria-hidden="true">✓</span></span>}
        {/* The item's language on its title and snippet: a screen reader reads each in its own voice. */}
        <span className="result-title" dir="auto" lang={contentLang(hit.lang)}>
          <HighlightedText text={hit.title || t('common.untitled')} spans={hit.titleHighlights} />
        </span>
        <span className={`result-snippet ${hit.dir}`} dir="auto" lang={contentLang(hit.lang)}>
          <HighlightedText text={hit.snippet} spans={hit.highlights} />
        </span>
        <span className="result-meta">
          <span className="kind">
            <Icon name={hit.kind === 'note' ? 'note' : 'article'} size={13} />
            {hit.kind === 'note' ? t('row.note') : t('row.article')}
          </span>
          {/* Which date this is: a publication date when the source states one, else when it came in. */}
          {hit.publishedAt ? (
            <span className="published">{t('row.published', { date: formatDate(hit.publishedAt) })}</span>
          ) : (
            <span className="added">{t(hit.kind === 'note' ? 'row.written' : 'row.added', { date: formatDate(hit.importedAt) })}</span>
          )}
          {hit.lang && <span>{languageName(hit.lang)}</span>}
          {hit.tags.slice(0, 3).map((t) => (
            <bdi key={t} className="mini-tag">#{t}</bdi>
          ))}
          {hit.tags.length > 3 && <span className="mini-tag">+{hit.tags.length - 3}</span>}
        </span>
      </button>
      {/* Beside the row, not inside it: a button cannot hold another. */}
      {hit.page !== null && (
        <button
          type="button"
          className="result-page"
          tabIndex={active ? 0 : -1}
          title={t('row.pageTitle', { page: hit.page })}
          onPointerEnter={warmUpPdfJs}
          onFocus={warmUpPdfJs}
          onClick={() => onOpenPage(hit.page!)}
        >
          {t('row.page', { page: hit.page })}
        </button>
      )}
    </>
  );
}

/** Placeholder while a row's page loads. */
export function ResultRowSkeleton() {
  return (
    <div className="result skeleton" aria-hidden="true">
      <span className="bar w60" />
      <span className="bar w90" />
      <span className="bar w40" />
    </div>
  );
}

/** A language tag for `lang` attributes: none when the language is not known ("und"). */
function contentLang(lang: string | null): string | undefined {
  return lang && lang !== 'und' ? lang : undefined;
}
