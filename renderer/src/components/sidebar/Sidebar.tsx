import type { ReactNode } from 'react';
import { useErrorText } from '../../lib/errors.js';
import type { ArchiveStats, BackupStatus, ItemKind, TagInfo } from '../../../../electron/shared/dto.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { timeAgo } from '../../lib/relative-time.js';
import type { SavedSearch } from '../../lib/saved-searches.js';
import { Icon, type IconName } from '../common/Icon.js';
import { SavedSearchList } from './SavedSearchList.js';
import { TagTree, type TagActions } from './TagTree.js';
import { useT } from '../../i18n/locale.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export type View = { kind: 'all' } | { kind: 'type'; type: ItemKind } | { kind: 'tag'; tag: string } | { kind: 'trash' };

interface SidebarProps {
  stats: ArchiveStats | undefined;
  tags: readonly TagInfo[];
  activeType: ItemKind | null;
  activeTag: string | null;
  /** The Trash view is open. */
  trashOpen: boolean;
  /** Entries in the trash. */
  trashCount: number | undefined;
  savedSearches: readonly SavedSearch[];
  importBusy: boolean;
  backup: BackupStatus | undefined;
  onView(view: View): void;
  onBackup(): void;
  onExport(): void;
  onImport(): void;
  onNewNote(): void;
  onApplySaved(search: SavedSearch): void;
  onDeleteSaved(name: string): void;
  /** Rename, delete, recolour a tag (its menu). */
  tagActions: TagActions;
  /** The button that hides the sidebar (the window lays out its panes). */
  collapse?: ReactNode;
}

/** Left pane: the archive's views, tags and saved searches, and the import / new-note actions. */
export function Sidebar(props: SidebarProps) {
  const t = useT();
  const { stats, trashOpen } = props;
  const activeType = trashOpen ? null : props.activeType;
  const activeTag = trashOpen ? null : props.activeTag;
  const all = !activeType && !activeTag && !trashOpen;
  const views: Array<{ label: string; icon: IconName; active: boolean; count: number | undefined; view: View }> = [
    { label: t('sidebar.all'), icon: 'items', active: all, count: stats ? stats.articles + stats.notes : undefined, view: { kind: 'all' } },
    { label: t('sidebar.articles'), icon: 'article', active: activeType === 'article' && !activeTag, count: stats?.articles, view: { kind: 'type', type: 'article' } },
    { label: t('sidebar.notes'), icon: 'note', active: activeType === 'note' && !activeTag, count: stats?.notes, view: { kind: 'type', type: 'note' } },
    { label: t('sidebar.trash'), icon: 'trash', active: trashOpen, count: props.trashCount, view: { kind: 'trash' } },
  ];
  return (
    <nav className="sidebar" aria-label={t('sidebar.library')}>
      <header className="brand">
        <span className="brand-mark" aria-hidden="true">خ</span>
        <span className="brand-name" lang="en" dir="ltr">Khizana</span>
        <span className="brand-ar" lang="ar" dir="rtl">خزانة</span>
        {props.collapse}
      </header>
      <div className="sidebar-actions">
        <button type="button" className="button primary" onClick={props.onImport} disabled={props.importBusy}>
          <Icon name="import" /> {t('sidebar.import')}
        </button>
        <button type="button" className="button" onClick={props.onNewNote}>
          <Icon name="plus" /> {t('sidebar.newNote')}
        </button>
      </div>
      <div className="sidebar-scroll">
        <ul className="views" aria-label={t('sidebar.views')}>
          {views.map((v) => (
            <li key={v.label} className={`nav-row${v.active ? ' active' : ''}`}>
              <button type="button" className="nav-button" aria-pressed={v.active} onClick={() => props.onView(v.view)}>
                <Icon name={v.icon} />
                <span className="nav-label">{v.label}</span>
                {v.count !== undefined && <span className="count">{formatCount(v.count)}</span>}
              </button>
            </li>
          ))}
        </ul>
        <h2 className="sidebar-heading">{t('sidebar.tags')}</h2>
        <TagTree tags={props.tags} activeTag={activeTag} onSelect={(tag) => props.onView({ kind: 'tag', tag })} {...props.tagActions} />
        <h2 className="sidebar-heading">{t('sidebar.savedSearches')}</h2>
        <SavedSearchList searches={props.savedSearches} onApply={props.onApplySaved} onDelete={props.onDeleteSaved} />
      </div>
      <footer className="sidebar-footer">
        <BackupWhen status={props.backup} />
        <LanguageSwitch />
        <button type="button" className="button" onClick={props.onBackup}>
          {t('sidebar.backUp')}
        </button>
        <button type="button" className="button" onClick={props.onExport}>
          {t('sidebar.export')}
        </button>
      </footer>
    </nav>
  );
}

const weekMs = 7 * 24 * 3600_000;

/** The last backup's time ("Backed up 3 hours ago"), or that none exists or the last attempt failed. */
function BackupWhen({ status }: { status: BackupStatus | undefined }) {
  const t = useT();
  const errorText = useErrorText();
  const ago = (iso: string): string => timeAgo(iso, Date.now(), t('time.justNow'));
  if (!status) return <span className="backup-when" />;
  const last = status.lastBackupAt;
  if (status.lastError && (!last || status.lastError.at > last)) {
    return <span className="backup-when failed" title={errorText(status.lastError)}>{t('sidebar.backupFailed', { when: ago(status.lastError.at) })}</span>;
  }
  if (!last) return <span className="backup-when stale">{t('sidebar.notBackedUp')}</span>;
  const stale = Date.now() - Date.parse(last) > weekMs;
  return (
    <span className={`backup-when${stale ? ' stale' : ''}`} title={`${formatDateTime(last)}${status.lastBackupFile ? `\n${status.lastBackupFile}` : ''}`}>
      {t('sidebar.backedUp', { when: ago(last) })}
    </span>
  );
}
