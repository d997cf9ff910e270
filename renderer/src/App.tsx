import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBanner } from './components/common/ErrorBanner.js';
import { FirstRun } from './components/FirstRun.js';
import { DropOverlay, useWindowDrop } from './components/import/DropOverlay.js';
import { BackupDialog } from './components/backup/BackupDialog.js';
import { ImportDialog } from './components/import/ImportDialog.js';
import { ImportStatus } from './components/import/ImportStatus.js';
import { Reader, type Selection } from './components/reader/Reader.js';
import { FilterBar } from './components/search/FilterBar.js';
import { NoResults } from './components/search/NoResults.js';
import { ResultsList } from './components/search/ResultsList.js';
import { ExportDialog, type ExportScope } from './components/export/ExportDialog.js';
import { ResultSummary } from './components/search/ResultSummary.js';
import { SearchBox } from './components/search/SearchBox.js';
import { Sidebar, type View } from './components/sidebar/Sidebar.js';
import { TrashView } from './components/trash/TrashView.js';
import { trashedText, UndoToast, type Trashed, type UndoOffer } from './components/trash/UndoToast.js';
import { SelectionBar } from './components/search/SelectionBar.js';
import { AppPanes, CollapseButton, usePane } from './components/layout/Panes.js';
import { useBulk } from './hooks/use-bulk.js';
import { useResultSelection, type SelectionTarget } from './hooks/use-result-selection.js';
import type { BulkAction, BulkResult, TagRenameResult } from '../../electron/shared/dto.js';
import { useArchive } from './hooks/archive-context.js';
import { useStats, useTags, useTrash } from './hooks/use-archive-data.js';
import { useFindHotkey, useShortcuts } from './hooks/use-hotkeys.js';
import { ShortcutsHelp } from './components/common/ShortcutsHelp.js';
import { useBackup } from './hooks/use-backup.js';
import { useImport } from './hooks/use-import.js';
import { useResultKeys } from './hooks/use-result-keys.js';
import { useSavedSearches } from './hooks/use-saved-searches.js';
import { useSearchState } from './hooks/use-search-state.js';
import { initialAddressState, useAddressState } from './hooks/use-address-state.js';
import { collectDroppedFiles } from './lib/dropped-files.js';
import { noFilters } from './lib/query.js';
import { useT } from './i18n/locale.js';

let draftCounter = 0;
let offerCounter = 0;
let readerRequests = 0;

/** The window: sidebar, search and results, reader; import and drop on top. */
export function App() {
  const t = useT();
  const { host, api, dataChanged } = useArchive();
  // Where the address (or, on the desktop, the last run) left off.
  const [initial] = useState(() => initialAddressState(host !== null));
  const search = useSearchState(initial);
  const { text, setText, searchedText, hasText, filters, setFilters, filtered, sort, effectiveSort, setSort, query, results } = search;
  const [selection, setSelection] = useState<Selection | null>(initial.item !== null ? { id: initial.item } : null);
  const [importOpen, setImportOpen] = useState(false);
  const [backupOpen, setBackupOpen] = useState(false);
  const [backupError, setBackupError] = useState<unknown>(null);
  const [exportFrom, setExportFrom] = useState<'all' | 'search' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [trashOpen, setTrashOpen] = useState(false);
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useAddressState({ text: searchedText, filters, sort, item: selection?.id ?? null }, (state) => {
    search.restore(state);
    setTrashOpen(false);
    setSelection((open) => (open?.id === state.item ? open : state.item === null ? null : { id: state.item }));
  }, host !== null);

  const tags = useTags();
  const stats = useStats();
  const trash = useTrash();
  const dismissUndo = useCallback(() => setOffer(null), []);
  const undo = useCallback(
    (item: Trashed) => {
      setOffer(null);
      void api.restoreItem({ id: item.id }).then(() => {
        dataChanged();
        setSelection({ id: item.id });
      }, setError);
    },
    [api, dataChanged],
  );
  const onTrashed = useCallback((item: Trashed) => setOffer({ key: ++offerCounter, icon: 'trash', text: trashedText(item, t), undo: () => undo(item) }), [undo, t]);
  const chosen = useResultSelection(results);
  const bulk = useBulk();
  /** Runs a bulk action on `target` and offers its undo: the opposite action on exactly the items it changed. */
  const runBulk = (action: BulkAction, target: SelectionTarget, tag?: string): void => {
    setOffer(null);
    bulk.run(action, target, tag).then((result) => {
      chosen.clear();
      const undoAction = ({ tag: 'untag', untag: 'tag', delete: 'restore', restore: 'delete' } as const)[result.action];
      const undoIt = () => {
        setOffer(null);
        bulk.run(undoAction, { ids: result.ids }, result.tag ?? undefined).catch(setError);
      };
      setOffer({ key: ++offerCounter, icon: action === 'delete' ? 'trash' : 'tag', text: <span className="undo-text">{bulkSummary(result, t)}</span>, undo: result.changed > 0 ? undoIt : null });
    }, setError);
  };
  const tagActions = {
    onRename(from: string, to: string) {
      api.renameTag({ from, to }).then((done) => {
        dataChanged();
        const under = filters.tag?.toLowerCase();
        if (under && (under === from.toLowerCase() || under.startsWith(`${from.toLowerCase()}/`))) setFilters({ ...filters, tag: to + filters.tag!.slice(from.length) });
        setOffer({ key: ++offerCounter, icon: 'tag', text: <span className="undo-text">{renameSummary(done, t)}</span>, undo: null });
      }, setError);
    },
    onDelete(path: string) {
      api.deleteTag({ tag: path }).then((done) => {
        dataChanged();
        const under = filters.tag?.toLowerCase();
        if (under && (under === path.toLowerCase() || under.startsWith(`${path.toLowerCase()}/`))) setFilters({ ...filters, tag: null });
        const subTags = done.tags > 1 ? t('toast.subTags', { count: done.tags - 1 }) : '';
        setOffer({ key: ++offerCounter, icon: 'tag', text: <span className="undo-text">{t('toast.tagDeleted', { tag: done.tag, subTags, items: t('toast.items', { count: done.items }) })}</span>, undo: null });
      }, setError);
    },
    onColor(path: string, color: string | null) {
      api.setTagColor({ tag: path, color }).then(dataChanged, setError);
    },
  };
  const imports = useImport();
  const saved = useSavedSearches(setError);
  const backup = useBackup(setBackupError);
  const openBackup = useCallback(() => {
    setBackupError(null);
    setBackupOpen(true);
  }, []);
  const { importPaths, importFiles } = imports;

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
        else if (event.type === 'backup') openBackup();
      }),
    [host, newNote, focusSearch, importPaths, openBackup],
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

  const openIndex = (index: number, page?: number): void => {
    const hit = results.hitAt(index);
    if (hit) setSelection(page === undefined ? { id: hit.id, ...(hit.annotation ? { annotation: { uid: hit.annotation, seq: ++readerRequests } } : {}) } : { id: hit.id, page: { page, seq: ++readerRequests } });
  };
  const { onSearchKey, onListKey } = useResultKeys(search, openIndex, focusSearch, chosen);

  const onView = (view: View): void => {
    setTrashOpen(view.kind === 'trash');
    if (view.kind === 'trash') setSelection(null);
    else if (view.kind === 'all') setFilters({ ...filters, type: null, tag: null });
    else if (view.kind === 'type') setFilters({ ...filters, type: view.type, tag: null });
    else setFilters({ ...filters, tag: view.tag, type: null });
  };

  const allTags = useMemo(() => tags.value ?? [], [tags.value]);
  const empty = stats.value !== undefined && stats.value.articles + stats.value.notes === 0;
  const firstRun = empty && selection === null;

  const panes = { sidebar: usePane(), results: usePane(), reader: usePane() };
  const step = (by: number): void => {
    if (results.total === 0) return;
    const index = Math.max(0, Math.min(results.total - 1, search.activeIndex + by));
    search.setActiveIndex(index);
    openIndex(index);
  };
  useShortcuts({
    focusSearch,
    next: () => step(1),
    previous: () => step(-1),
    // The reader's own controls do the work, so a shortcut does exactly what the click does.
    tag: () => document.querySelector<HTMLInputElement>(`.reader-pane input[aria-label="${t('tags.add')}"]`)?.focus(),
    note: () => {
      const add = document.querySelector<HTMLButtonElement>('.notes-panel .notes-header > .button, .notes-panel .note-tab.new');
      if (add) add.click();
      else newNote();
    },
    remove: () => document.querySelector<HTMLButtonElement>(`.reader-pane button[aria-label="${t('reader.delete')}"]`)?.click(),
    help: () => setHelpOpen(true),
    toggleSidebar: panes.sidebar.toggle,
    toggleResults: panes.results.toggle,
  });
  const sidebar = (
      <Sidebar
        stats={stats.value}
        tags={allTags}
        activeType={filters.type}
        activeTag={filters.tag}
        trashOpen={trashOpen}
        trashCount={trash.value?.length}
        savedSearches={saved.list}
        importBusy={imports.busy}
        backup={backup.status}
        onView={onView}
        onBackup={openBackup}
        onExport={() => setExportFrom('all')}
        onImport={() => setImportOpen(true)}
        onNewNote={newNote}
        onApplySaved={(s) => { setTrashOpen(false); setText(s.text); setFilters(s.filters); setSort(s.sort); }}
        onDeleteSaved={(name) => void saved.remove(name)}
        tagActions={tagActions}
        collapse={<CollapseButton id="sidebar" pane={panes.sidebar} />}
      />
  );
  const middle = trashOpen ? <TrashView trash={trash} onError={setError} /> : (
            <section className="results-pane" aria-label={t('app.resultsPane')}>
              <div className="search-header">
                <CollapseButton id="results" pane={panes.results} />
                <SearchBox value={text} onChange={setText} onKeyDown={onSearchKey} inputRef={searchRef} busy={results.loading} />
                <FilterBar filters={filters} sort={effectiveSort} facets={results.facets} tags={allTags} hasText={hasText} onFilters={setFilters} onSort={setSort} />
                <ResultSummary
                  total={results.total}
                  loading={results.stale}
                  canSave={hasText || filtered}
                  saved={saved.has(searchedText, filters)}
                  onSave={() => void saved.save(searchedText, filters, sort)}
                  onExport={hasText || filtered ? () => setExportFrom('search') : undefined}
                  notices={results.notices}
                />
              </div>
              <SelectionBar
                count={chosen.count}
                total={results.total}
                all={chosen.selection.kind === 'all'}
                tags={allTags}
                bulk={bulk.state}
                onSelectAll={chosen.selectAll}
                onClear={chosen.clear}
                onTag={(tag) => runBulk('tag', chosen.target(), tag)}
                onUntag={(tag) => runBulk('untag', chosen.target(), tag)}
                onDelete={() => runBulk('delete', chosen.target())}
              />
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
                  activeIndex={search.activeIndex}
                  openId={selection?.id ?? null}
                  onActivate={search.setActiveIndex}
                  onOpen={openIndex}
                  onKeyDown={onListKey}
                  selection={chosen}
                />
              )}
            </section>
  );
  const reader = (
          <main className="reader-column">
            <Reader
              selection={selection}
              query={hasText ? query : ''}
              allTags={allTags}
              onOpenItem={(id, annotation) => setSelection(annotation ? { id, annotation: { uid: annotation, seq: ++readerRequests } } : { id })}
              onOpenTag={(tag) => setFilters({ ...filters, tag, type: null })}
              onNoteCreated={(note, draftKey) => setSelection({ id: note.id, draftKey })}
              onClosed={() => setSelection(null)}
              onTrashed={onTrashed}
              onError={setError}
            />
          </main>
  );

  return (
    <div className="app">
      {firstRun ? (
        <AppPanes panes={panes} sidebar={sidebar} middle={<FirstRun busy={imports.busy} onPaths={imports.importPaths} onFiles={imports.importFiles} onNewNote={newNote} onError={setError} />} />
      ) : (
        <AppPanes panes={panes} sidebar={sidebar} middle={middle} reader={reader} />
      )}
      <ImportDialog
        open={importOpen}
        busy={imports.busy}
        onClose={() => setImportOpen(false)}
        onPaths={imports.importPaths}
        onFiles={imports.importFiles}
        onError={setError}
      />
      <ExportDialog open={exportFrom !== null} scopes={exportScopes(exportFrom, hasText || filtered ? { query, total: results.total } : null, selection?.id ?? null)} onClose={() => setExportFrom(null)} />
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <BackupDialog open={backupOpen} backup={backup} error={backupError} onClose={() => setBackupOpen(false)} />
      <ImportStatus state={imports.state} onCancel={imports.cancel} onDismiss={imports.dismiss} />
      <UndoToast offer={offer} onDismiss={dismissUndo} />
      <DropOverlay visible={dragging} />
    </div>
  );
}

/** Export…'s choices: where it was opened from first, then the current search and the open item when there are. */
function exportScopes(from: 'all' | 'search' | null, search: { query: string; total: number } | null, openId: number | null): ExportScope[] {
  const all: ExportScope = { kind: 'all' };
  const found: ExportScope[] = search && search.total > 0 ? [{ kind: 'search', ...search }] : [];
  const item: ExportScope[] = openId !== null ? [{ kind: 'item', id: openId }] : [];
  return from === 'search' ? [...found, all, ...item] : [all, ...found, ...item];
}

type Translate = ReturnType<typeof useT>;

/** What a bulk action did, for the undo toast. */
function bulkSummary(result: BulkResult, t: Translate): string {
  const unchanged = result.matched - result.changed;
  const tag = result.tag ?? '';
  const items = t('toast.items', { count: result.changed });
  const withNotes = result.notes > 0 ? t('toast.withNotes', { count: result.notes }) : '';
  switch (result.action) {
    case 'tag':
      return t('toast.tagged', { items, tag, unchanged: unchanged > 0 ? t('toast.alreadyHad', { count: unchanged }) : '' });
    case 'untag':
      return t('toast.untagged', { items, tag, unchanged: unchanged > 0 ? t('toast.didNotHave', { count: unchanged }) : '' });
    case 'delete':
      return t('toast.trashed', { items, withNotes });
    case 'restore':
      return t('toast.restored', { items, withNotes });
  }
}

/** What renaming a tag did, for the toast. */
function renameSummary(done: TagRenameResult, t: Translate): string {
  if (done.tags === 0) return t('toast.renameSame', { from: done.from, to: done.to });
  const merged = done.merged.length > 0 ? t('toast.merged', { tags: done.merged.map((tag) => `“${tag}”`).join(t('toast.listSeparator')) }) : '';
  const searches = done.savedSearches > 0 ? t('toast.searchesUpdated', { count: done.savedSearches }) : '';
  return t('toast.renamed', { from: done.from, to: done.to, items: t('toast.items', { count: done.items }), merged, searches });
}
