// Backup status for the sidebar and the backup dialog: reloaded every minute (automatic backups
// are written by the app or serve on their own) and after every action here.
import { useCallback, useEffect, useState } from 'react';
import type { BackupResult, BackupStatus } from '../../../electron/shared/dto.js';
import { useArchive } from './archive-context.js';

export interface BackupState {
  status: BackupStatus | undefined;
  /** A backup started here is being written. */
  busy: boolean;
  /** The backup just written here, to report it. */
  written: BackupResult | null;
  backUpNow(): Promise<void>;
  /** Saves the folder and/or the automatic setting. */
  save(change: { folder?: string | null; auto?: boolean }): Promise<void>;
}

/** The archive's backup settings and last backup, with the actions of the backup dialog; errors go to `onError`. */
export function useBackup(onError: (error: unknown) => void): BackupState {
  const { api } = useArchive();
  const [status, setStatus] = useState<BackupStatus>();
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<BackupResult | null>(null);

  const refresh = useCallback(() => api.backupStatus({}).then(setStatus, () => undefined), [api]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 60_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const backUpNow = useCallback(async () => {
    setBusy(true);
    setWritten(null);
    onError(null);
    try {
      setWritten(await api.backupNow({}));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
      void refresh();
    }
  }, [api, onError, refresh]);

  const save = useCallback(
    async (change: { folder?: string | null; auto?: boolean }) => {
      onError(null);
      // Show the change at once (a checkbox that waits for the round trip feels broken); the
      // archive's answer, or a reload after an error, settles it.
      setStatus((current) => (current ? { ...current, ...(change.auto !== undefined ? { auto: change.auto } : {}) } : current));
      try {
        setStatus(await api.setBackupSettings(change));
      } catch (error) {
        onError(error);
        void refresh();
      }
    },
    [api, onError, refresh],
  );

  return { status, busy, written, backUpNow, save };
}
