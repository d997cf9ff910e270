// The reader toolbar's page controls for a PDF item: text or page view, previous/next page, and
// "go to page".
import { useEffect, useState } from 'react';
import type { PageNavigation } from './use-page-navigation.js';
import { useT } from '../../i18n/locale.js';

/** Text | Page, ‹ ›, and a page number field: Enter goes to that page. */
export function PageControls({ nav }: { nav: PageNavigation }) {
  const t = useT();
  const [typed, setTyped] = useState(String(nav.page));
  useEffect(() => setTyped(String(nav.page)), [nav.page]);
  return (
    <div className="page-controls" role="group" aria-label={t('reader.pages')}>
      <div className="view-switch" role="group" aria-label={t('reader.view')}>
        <button type="button" className="button subtle" aria-pressed={nav.view === 'text'} onClick={nav.showText}>
          {t('reader.text')}
        </button>
        <button type="button" className="button subtle" aria-pressed={nav.view === 'page'} title={t('reader.pageTitle')} onClick={() => nav.showPage()}>
          {t('reader.page')}
        </button>
      </div>
      {nav.view === 'page' && (
        <button type="button" className="icon-button" aria-label={t('reader.prevPage')} disabled={nav.page <= 1} onClick={() => nav.goTo(nav.page - 1)}>
          <span className="flip-rtl" aria-hidden="true">‹</span>
        </button>
      )}
      <form
        className="go-to-page"
        onSubmit={(e) => {
          e.preventDefault();
          nav.goTo(Number(typed));
        }}
      >
        <label>
          <span aria-hidden="true">{t('reader.pageAbbr')}</span>
          <input type="number" inputMode="numeric" min={1} max={nav.pages} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label={t('reader.goToPage')} />
        </label>
        <span className="page-total">{t('reader.pageOf', { pages: nav.pages })}</span>
      </form>
      {nav.view === 'page' && (
        <button type="button" className="icon-button" aria-label={t('reader.nextPage')} disabled={nav.page >= nav.pages} onClick={() => nav.goTo(nav.page + 1)}>
          <span className="flip-rtl" aria-hidden="true">›</span>
        </button>
      )}
    </div>
  );
}
