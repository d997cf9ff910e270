// The reader toolbar's page controls for a PDF item: text or page view, previous/next page, and
// "go to page".
import { useEffect, useState } from 'react';
import type { PageNavigation } from './use-page-navigation.js';

/** Text | Page, ‹ ›, and a page number field: Enter goes to that page. */
export function PageControls({ nav }: { nav: PageNavigation }) {
  const [typed, setTyped] = useState(String(nav.page));
  useEffect(() => setTyped(String(nav.page)), [nav.page]);
  return (
    <div className="page-controls" role="group" aria-label="Pages">
      <div className="view-switch" role="group" aria-label="View">
        <button type="button" className="button subtle" aria-pressed={nav.view === 'text'} onClick={nav.showText}>
          Text
        </button>
        <button type="button" className="button subtle" aria-pressed={nav.view === 'page'} title="Show the page as printed" onClick={() => nav.showPage()}>
          Page
        </button>
      </div>
      {nav.view === 'page' && (
        <button type="button" className="icon-button" aria-label="Previous page" disabled={nav.page <= 1} onClick={() => nav.goTo(nav.page - 1)}>
          ‹
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
          <span aria-hidden="true">p.</span>
          <input type="number" inputMode="numeric" min={1} max={nav.pages} value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Go to page" />
        </label>
        <span className="page-total">of {nav.pages}</span>
      </form>
      {nav.view === 'page' && (
        <button type="button" className="icon-button" aria-label="Next page" disabled={nav.page >= nav.pages} onClick={() => nav.goTo(nav.page + 1)}>
          ›
        </button>
      )}
    </div>
  );
}
