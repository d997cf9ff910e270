// The archive, the desktop host and a data version shared by every component.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ArchiveApi } from '../../../electron/shared/contract.js';
import { getArchiveApi, getUploader, subscribeEvents } from '../api/get-archive-api.js';
import { getHost, type ArchiveHost } from '../api/host.js';

export interface ArchiveContextValue {
  api: ArchiveApi;
  host: ArchiveHost | null;
  upload: ReturnType<typeof getUploader>;
  subscribeEvents: typeof subscribeEvents;
  /** Bumped after anything changes archive data, so views reload. */
  dataVersion: number;
  /** Tells every view that archive data changed. */
  dataChanged(): void;
}

const ArchiveContext = createContext<ArchiveContextValue | null>(null);

/** Provides the archive connection to the tree. */
export function ArchiveProvider({ children }: { children: ReactNode }) {
  const [dataVersion, setDataVersion] = useState(0);
  const dataChanged = useCallback(() => setDataVersion((v) => v + 1), []);
  const value = useMemo<ArchiveContextValue>(
    () => ({ api: getArchiveApi(), host: getHost(), upload: getUploader(), subscribeEvents, dataVersion, dataChanged }),
    [dataVersion, dataChanged],
  );
  return <ArchiveContext.Provider value={value}>{children}</ArchiveContext.Provider>;
}

/** The archive connection. */
export function useArchive(): ArchiveContextValue {
  const value = useContext(ArchiveContext);
  if (!value) throw new Error('useArchive outside ArchiveProvider');
  return value;
}
