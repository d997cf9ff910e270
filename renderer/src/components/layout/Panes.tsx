// The window's resizable panes: sidebar | results | reader (react-resizable-panels), sizes kept in localStorage.
import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef, type PanelImperativeHandle } from 'react-resizable-panels';
import { useCallback, useState, type RefObject } from 'react';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';
import type { MessageId } from '../../../../electron/shared/i18n/locale.js';

export type PaneId = 'sidebar' | 'results' | 'reader';

/** A pane's handle: whether it is collapsed to its strip, and how to toggle it. */
export interface PaneControl {
  ref: RefObject<PanelImperativeHandle | null>;
  collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  toggle(): void;
}

/** One pane's state; `collapsed` follows the panel (a drag past its minimum collapses it too). */
export function usePane(): PaneControl & { onResize(): void } {
  const ref = usePanelRef();
  const [collapsed, setState] = useState(false);
  const onResize = useCallback(() => setState(ref.current?.isCollapsed() ?? false), [ref]);
  const setCollapsed = useCallback((c: boolean) => (c ? ref.current?.collapse() : ref.current?.expand()), [ref]);
  const toggle = useCallback(() => (ref.current?.isCollapsed() ? ref.current.expand() : ref.current?.collapse()), [ref]);
  return { ref, collapsed, setCollapsed, toggle, onResize };
}

export type Panes = Record<PaneId, ReturnType<typeof usePane>>;

const labels: Record<PaneId, MessageId> = { sidebar: 'pane.showSidebar', results: 'pane.showResults', reader: 'pane.showReader' };
const hideLabels: Record<PaneId, MessageId> = { sidebar: 'pane.hideSidebar', results: 'pane.hideResults', reader: 'pane.hideReader' };

/** A collapsed pane: a narrow strip whose button brings it back. */
function Strip({ id, pane }: { id: PaneId; pane: PaneControl }) {
  const t = useT();
  return (
    <div className="pane-strip">
      <button type="button" className="icon-button pane-expand" aria-label={t(labels[id])} title={t(labels[id])} onClick={() => pane.setCollapsed(false)}>
        <Icon name="chevron" />
      </button>
    </div>
  );
}

/** The button that collapses a pane to its strip (placed in the pane's own header). */
export function CollapseButton({ id, pane }: { id: PaneId; pane: PaneControl }) {
  const t = useT();
  return (
    <button type="button" className="icon-button pane-collapse" aria-label={t(hideLabels[id])} title={t(hideLabels[id])} onClick={() => pane.setCollapsed(true)}>
      <Icon name="chevron" />
    </button>
  );
}

const strip = '36px';

/**
 * The panes in a resizable group. `middle` without `reader` spans the rest (first run). Sizes are
 * remembered per set of panes; a separator takes arrow keys, and Enter collapses or restores.
 */
export function AppPanes({ panes, sidebar, middle, reader }: { panes: Panes; sidebar: ReactNode; middle: ReactNode; reader?: ReactNode }) {
  const panelIds = reader ? ['sidebar', 'results', 'reader'] : ['sidebar', 'results'];
  const t = useT();
  const layout = useDefaultLayout({ id: 'khizana.panes', panelIds, storage: localStorage });
  return (
    <Group className="panes" id="khizana-panes" orientation="horizontal" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="sidebar" className="pane pane-sidebar" panelRef={panes.sidebar.ref} onResize={panes.sidebar.onResize} defaultSize="21%" minSize="224px" maxSize="400px" collapsible collapsedSize={strip}>
        {panes.sidebar.collapsed ? <Strip id="sidebar" pane={panes.sidebar} /> : sidebar}
      </Panel>
      <Separator className="pane-separator" aria-label={t('pane.resizeSidebar')} />
      {reader ? (
        <>
          <Panel id="results" className="pane pane-results" panelRef={panes.results.ref} onResize={panes.results.onResize} defaultSize="31%" minSize="280px" collapsible collapsedSize={strip}>
            {panes.results.collapsed ? <Strip id="results" pane={panes.results} /> : middle}
          </Panel>
          <Separator className="pane-separator" aria-label={t('pane.resizeResults')} />
          <Panel id="reader" className="pane pane-reader" panelRef={panes.reader.ref} onResize={panes.reader.onResize} minSize="320px" collapsible collapsedSize={strip}>
            {panes.reader.collapsed ? <Strip id="reader" pane={panes.reader} /> : reader}
          </Panel>
        </>
      ) : (
        <Panel id="results" className="pane pane-results" minSize="320px">
          {middle}
        </Panel>
      )}
    </Group>
  );
}
