// "p. 7" in the text of a PDF item: where each page starts. A marker opens that page's view.
import { useT } from '../../i18n/locale.js';

/** The page-start marker of `page`; found by "go to page" through data-page. */
export function PageMarker({ page, onOpen }: { page: number; onOpen?: ((page: number) => void) | undefined }) {
  const t = useT();
  return (
    <div className="page-marker" data-page={page} dir="ltr">
      {onOpen ? (
        <button type="button" className="page-marker-label" title={t('reader.pageMarkerTitle', { page })} onClick={() => onOpen(page)}>
          {t('row.page', { page })}
        </button>
      ) : (
        <span className="page-marker-label">{t('row.page', { page })}</span>
      )}
    </div>
  );
}

/** The markers of several pages starting at one place (empty pages in between). */
export function PageMarkers({ pages, onOpen }: { pages: readonly number[] | undefined; onOpen?: ((page: number) => void) | undefined }) {
  if (!pages || pages.length === 0) return null;
  return (
    <>
      {pages.map((page) => (
        <PageMarker key={page} page={page} onOpen={onOpen} />
      ))}
    </>
  );
}
