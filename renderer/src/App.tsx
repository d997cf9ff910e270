import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SortOrder } from '../../electron/shared/contract.js';
import { ErrorBanner } from './components/common/ErrorBanner.js';
import { FirstRun } from './components/FirstRun.js';
import { DropOverlay, useWindowDrop } from './components/import/DropOverlay.js';
import { ImportDialog } from './components/import/ImportDialog.js';
import { ImportStatus } from './components/import/ImportStatus.js';
import { Reader, type Selection } from './components/reader/Reader.js';
import { FilterBar } from './components/search/FilterBar.js';
import { NoResults } from './components/search/NoResults.js';
import { ResultsList } from './components/search/ResultsList.js';
import { ResultSummary } from './components/search/ResultSummary.js';
import { SearchBox } from './components/search/SearchBox.js';
import { Sidebar, type View } from './components/sidebar/Sidebar.js';
import { useArchive } from './hooks/archive-context.js';
import { useStats, useTags } from './hooks/use-archive-data.js';
import { useDebouncedValue } from './hooks/use-debounced-value.js';
import { useFindHotkey } from './hooks/use-hotkeys.js';
import { useImport } from './hooks/use-import.js';
import { usePagedSearch } from './hooks/use-paged-search.js';
import { useSavedSearches } from './hooks/use-saved-searches.js';
import { collectDroppedFiles } from './lib/dropped-files.js';
import { composeQuery, hasFilters, noFilters, type Filters } from './lib/query.js';

let draftCounter = 0;

/** The window: sidebar, search and results, reader; import and drop on top. */
export function App() {
  const { host } = useArchive();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [sort, setSort] = useState<SortOrder>('relevance');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [importOpen, setImportOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const debouncedText = useDebouncedValue(text, 150);
  const hasText = debouncedText.trim() !== '';
  const query = composeQuery(debouncedText, filters);
  // Without words there is nothing to rank: newest first.
  const effectiveSort: SortOrder = !hasText && sort === 'relevance' ? 'newest' : sort;
  const results = usePagedSearch(query, effectiveSort);
  const tags = useTags();
  const stats = useStats();
  const imports = useImport();
  const saved = useSavedSearches(setError);
  const { importPaths, importFiles } = imports;

  useEffect(() => setActiveIndex(-1), [query]);

  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  useFindHotkey(focusSearch);

  const newNote = useCallback(() => setSelection({ id: null, draftKey: `draft-${++draftCounter}` }), []);

  useEffect(
    () =>
      host?.onMenu((event) => {
        if (event.type === 'import') importPaths(event.paths, []);
        else if (event.type === 'new-note') newNote();
        else if (event.type === 'find') focusSearch();
      }),
    [host, newNote, focusSearch, importPaths],
  );

  const onDrop = useCallback(
    (data: DataTransfer) => {
      // Electron gives real paths (folders included); a browser only gives file contents.
      if (host) importPaths([...data.files].map((f) => host.pathForFile(f)).filter(Boolean), []);
      else void collectDroppedFiles(data).then((files) => importFiles(files, []), setError);
    },
    [host, importPaths, importFiles],
  );
  const dragging = useWindowDrop(onDrop);

  const openIndex = (index: number): void => {
    const hit = results.hitAt(index);
    if (hit) setSelection({ id: hit.id });
  };

  const moveActive = (step: number): void => {
    if (results.total === 0) return;
    setActiveIndex((i) => Math.max(0, Math.min(results.total - 1, i + step)));
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') { e.preventDefault(); moveActive(1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); moveActive(-1); }
    else if (e.key === 'PageDown') { e.preventDefault(); moveActive(10); }
    else if (e.key === 'PageUp') { e.preventDefault(); moveActive(-10); }
    else if (e.key === 'Enter') { e.preventDefault(); openIndex(Math.max(activeIndex, 0)); }
    else if (e.key === 'Escape') { e.preventDefault(); setText(''); }
  };

  const onListKey = (e: KeyboardEvent): void => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      moveActive(step);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('#results-list .result.active')?.focus());
    } else if (e.key === 'Escape') {
      focusSearch();
    }
  };

  const onView = (view: View): void => {
    if (view.kind === 'all') setFilters({ ...filters, type: null, tag: null });
    else if (view.kind === 'type') setFilters({ ...filters, type: view.type, tag: null });
    else setFilters({ ...filters, tag: view.tag, type: null });
  };

  const allTags = useMemo(() => tags.value ?? [], [tags.value]);
  const empty = stats.value !== undefined && stats.value.articles + stats.value.notes === 0;
  const firstRun = empty && selection === null;
  const filtered = hasFilters(filters);

  return (
    <div className="app">
      <Sidebar
        stats={stats.value}
        tags={allTags}
        activeType={filters.type}
        activeTag={filters.tag}
        savedSearches={saved.list}
        importBusy={imports.busy}
        onView={onView}
        onImport={() => setImportOpen(true)}
        onNewNote={newNote}
        onApplySaved={(s) => { setText(s.text); setFilters(s.filters); setSort(s.sort); }}
        onDeleteSaved={(name) => void saved.remove(name)}
      />
      {firstRun ? (
        <FirstRun busy={imports.busy} onPaths={imports.importPaths} onFiles={imports.importFiles} onNewNote={newNote} onError={setError} />
      ) : (
        <>
          <section className="results-pane" aria-label="Search and results">
            <div className="search-header">
              <SearchBox value={text} onChange={setText} onKeyDown={onSearchKey} inputRef={searchRef} busy={results.loading} />
              <FilterBar filters={filters} sort={effectiveSort} facets={results.facets} tags={allTags} hasText={hasText} onFilters={setFilters} onSort={setSort} />
              <ResultSummary
                total={results.total}
                loading={results.loading}
                canSave={hasText || filtered}
                saved={saved.has(debouncedText, filters)}
                onSave={() => void saved.save(debouncedText, filters, sort)}
              />
            </div>
            <ErrorBanner error={error ?? results.error} onDismiss={() => setError(null)} />
            {results.total === 0 && !results.loading && (hasText || filtered) ? (
              <NoResults
                query={query}
                didYouMean={results.didYouMean}
                filtered={filtered}
                onUseSuggestion={(q) => { setText(q); focusSearch(); }}
                onClearFilters={() => setFilters(noFilters)}
              />
            ) : (
              <ResultsList
                results={results}
                activeIndex={activeIndex}
                openId={selection?.id ?? null}
                onActivate={setActiveIndex}
                onOpen={openIndex}
                onKeyDown={onListKey}
              />
            )}
          </section>
          <main className="reader-column">
            <Reader
              selection={selection}
              query={hasText ? query : ''}
              allTags={allTags}
              onOpenItem={(id) => setSelection({ id })}
              onOpenTag={(tag) => setFilters({ ...filters, tag, type: null })}
              onNoteCreated={(note, draftKey) => setSelection({ id: note.id, draftKey })}
              onClosed={() => setSelection(null)}
              onError={setError}
            />
          </main>
        </>
      )}
      <ImportDialog
        open={importOpen}
        busy={imports.busy}
        onClose={() => setImportOpen(false)}
        onPaths={imports.importPaths}
        onFiles={imports.importFiles}
        onError={setError}
      />
      <ImportStatus state={imports.state} onCancel={imports.cancel} onDismiss={imports.dismiss} />
      <DropOverlay visible={dragging} />
    </div>
  );
}
