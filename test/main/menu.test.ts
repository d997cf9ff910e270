// The menu template: import commands wired, developer tools only in development.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { importDialogOptions, menuTemplate } from '../../electron/main/menu.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const actions = () => ({ importFiles: vi.fn(), importFolder: vi.fn(), newNote: vi.fn(), backUpNow: vi.fn(), find: vi.fn(), showArchiveFolder: vi.fn(), about: vi.fn() });

describe('application menu', () => {
  it('has no reload or DevTools in a packaged app', () => {
    const roles = flatten(menuTemplate({ isDev: false, isMac: false, actions: actions() })).map((i) => i.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'copy', 'paste', 'selectAll', 'quit']));
  });

  it('offers reload and DevTools in development', () => {
    const roles = flatten(menuTemplate({ isDev: true, isMac: false, actions: actions() })).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('wires File → Import Files…, Import Folder…, New Note, Back Up Now…, Edit → Find… and Help → About', () => {
    const a = actions();
    const items = flatten(menuTemplate({ isDev: false, isMac: false, actions: a }));
    const click = (label: string) => {
      const item = items.find((i) => i.label === label);
      expect(item, label).toBeDefined();
      (item!.click as () => void)();
    };
    click('Import Files…');
    click('Import Folder…');
    click('New Note');
    click('Back Up Now…');
    click('Find…');
    click('Show Archive Folder');
    click('About Khizana');
    expect(a.importFiles).toHaveBeenCalledOnce();
    expect(a.importFolder).toHaveBeenCalledOnce();
    expect(a.newNote).toHaveBeenCalledOnce();
    expect(a.backUpNow).toHaveBeenCalledOnce();
    expect(a.find).toHaveBeenCalledOnce();
    expect(a.showArchiveFolder).toHaveBeenCalledOnce();
    expect(a.about).toHaveBeenCalledOnce();
  });

  it('follows macOS conventions there', () => {
    const template = menuTemplate({ isDev: false, isMac: true, actions: actions() });
    expect(template[0]?.role).toBe('appMenu');
    expect(flatten(template).map((i) => i.role)).not.toContain('quit');
  });

  it('import dialogs pick files (with the supported formats) or folders, never both', () => {
    const files = importDialogOptions(false);
    expect(files.properties).toEqual(['openFile', 'multiSelections']);
    expect(files.filters?.[0]?.extensions).toEqual(expect.arrayContaining(['txt', 'md', 'html', 'pdf', 'docx', 'odt', 'epub', 'eml']));
    expect(files.filters?.[1]?.extensions).toEqual(['*']);
    expect(importDialogOptions(true).properties).toEqual(['openDirectory', 'multiSelections']);
  });

  it('speaks the interface language: Arabic labels and dialogs from the same catalogs, clicks unchanged', () => {
    const a = actions();
    const template = menuTemplate({ isDev: false, isMac: false, actions: a, locale: 'ar' });
    expect(template.map((i) => i.label).filter(Boolean)).toEqual(['&ملف', '&تحرير', '&عرض', '&مساعدة']);
    const items = flatten(template);
    (items.find((i) => i.label === 'استيراد ملفات…')!.click as () => void)();
    expect(a.importFiles).toHaveBeenCalledOnce();
    expect(items.map((i) => i.label)).not.toContain('Import Files…');
    expect(importDialogOptions(true, 'ar').title).toBe('استيراد مجلد');
    expect(importDialogOptions(false, 'ar').filters?.map((f) => f.name)).toEqual(['مستندات', 'كل الملفات']);
  });
});
