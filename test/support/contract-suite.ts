// The contract test suite: every transport must pass it unchanged.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveApi } from '../../electron/shared/contract.js';
import { methodNames } from '../../electron/shared/contract.js';
import type { ArchiveEvent } from '../../electron/shared/dto.js';
import { samplePath } from './shared.js';
import { writeFiles } from './archive.js';
import { tempDir } from './paths.js';

export interface OpenedTransport {
  api: ArchiveApi;
  close(): Promise<void>;
}

/** Registers the contract tests for a transport opened by `open`. */
export function contractSuite(open: (onEvent: (event: ArchiveEvent) => void) => Promise<OpenedTransport>): void {
  let session: OpenedTransport;
  const events: ArchiveEvent[] = [];
  const listeners = new Set<(event: ArchiveEvent) => void>();
  beforeAll(async () => {
    session = await open((event) => {
      events.push(event);
      for (const listener of listeners) listener(event);
    });
  });
  afterAll(async () => session.close());

  it('exposes every method of the contract', () => {
    for (const name of methodNames) expect(typeof session.api[name]).toBe('function');
  });

  it('imports with progress events, searches, tags, notes, deletes', async () => {
    const api = session.api;
    const report = await api.importPaths({ paths: [samplePath], tags: ['syria/idlib'], jobId: 'job-1' });
    expect(report).toMatchObject({ jobId: 'job-1', imported: 1, failed: 0 });
    const progress = events.filter((e) => e.type === 'importProgress' && e.progress.jobId === 'job-1');
    expect(progress.at(-1)!.progress).toMatchObject({ filesDone: 1, filesTotal: 1 });
    const id = report.results[0]!.id!;

    const result = await api.search({ query: 'ادلب "ولا تهنوا"' });
    expect(result.hits[0]!.id).toBe(id);
    expect(result.hits[0]!.highlights.length).toBeGreaterThan(0);

    expect((await api.addTag({ id, tag: 'reading-list' })).tags).toEqual(['reading-list', 'syria/idlib']);
    expect((await api.removeTag({ id, tag: 'reading-list' })).tags).toEqual(['syria/idlib']);
    expect(await api.setTagColor({ tag: 'syria', color: '#aa3300' })).toMatchObject({ path: 'syria', color: '#aa3300', count: 1 });
    expect((await api.listTags({})).map((t) => t.path)).toEqual(['syria', 'syria/idlib']);

    const note = await api.addNote({ text: 'تحقق من عدد القرى', on: id });
    expect(note.parentId).toBe(id);
    const updated = await api.updateNote({ id: note.id, text: 'تحقق من عدد القرى الست' });
    expect(updated.text).toContain('الست');
    expect((await api.listNotes({ on: id })).map((n) => n.id)).toEqual([note.id]);
    expect((await api.getItem({ id })).notes).toEqual([{ id: note.id, text: 'تحقق من عدد القرى الست' }]);
    expect((await api.search({ query: 'in:notes الست' })).total).toBe(2);
    expect(await api.deleteNote({ id: note.id })).toEqual({ deleted: true });

    expect(await api.stats({})).toMatchObject({ articles: 1, notes: 0 });
    expect(await api.deleteItem({ id })).toEqual({ deleted: true, notes: 0 });
    expect((await api.search({ query: 'ادلب' })).total).toBe(0);
    expect((await api.listTrash({})).map((e) => e.id)).toEqual([id]);
    expect(await api.restoreItem({ id })).toEqual({ restored: true, notes: 0 });
    expect((await api.search({ query: 'ادلب' })).total).toBe(1);
    expect(await api.deleteItem({ id })).toEqual({ deleted: true, notes: 0 });
    expect(await api.emptyTrash({})).toEqual({ deleted: 1, notes: 0, files: 1 });
    expect(await api.listTrash({})).toEqual([]);
    await expect(api.getItem({ id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('edits an item (the new title searchable at once, a bad date refused) and cites it', async () => {
    const api = session.api;
    const dir = writeFiles({ 'edit-me.txt': 'An untitled wire story\n\nText of the wire story.' });
    const id = (await api.importPaths({ paths: [dir] })).results[0]!.id!;
    const edited = await api.editItem({ id, title: 'الفصائل تسيطر على إدلب', authors: ['محمد الأحمد'], publishedAt: '2015-07', url: 'https://example.org/a' });
    expect(edited.edited).toEqual(['title', 'authors', 'publishedAt', 'url']);
    expect((await api.search({ query: 'title:تسيطر' })).hits.map((h) => h.id)).toEqual([id]);
    await expect(api.editItem({ id, publishedAt: '2015-13-40' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('is not a date') });
    const { text } = await api.cite({ ids: [id], format: 'text', style: 'chicago' });
    expect(text).toContain('محمد الأحمد. 2015. “الفصائل تسيطر على إدلب.”');
    expect((await api.cite({ ids: [id], format: 'ris' })).text).toContain('TI  - الفصائل تسيطر على إدلب');
  });

  it('links a note to an item by uid: backlinks with the sentence, the target broken in the trash', async () => {
    const api = session.api;
    const dir = writeFiles({ 'link-target.txt': 'مدينة سراقب\n\nتقرير عن سراقب.' });
    const id = (await api.importPaths({ paths: [dir] })).results[0]!.id!;
    const [hit] = (await api.search({ query: 'title:سرا*' })).hits;
    expect(hit!.id).toBe(id);
    const note = await api.addNote({ text: `مصادر\nراجع [مدينة سراقب](khizana:${hit!.uid}) قبل النشر. شكرا.` });
    expect(await api.backlinks({ id })).toEqual([{ fromId: note.id, fromUid: note.uid, fromTitle: 'مصادر', sentence: 'راجع مدينة سراقب قبل النشر.' }]);
    await api.deleteItem({ id });
    expect(await api.linkTargets({ uids: [hit!.uid] })).toEqual([{ uid: hit!.uid, id, kind: 'article', title: 'مدينة سراقب', state: 'trashed' }]);
    await api.restoreItem({ id });
    expect((await api.linkTargets({ uids: [hit!.uid] }))[0]!.state).toBe('ok');
    await expect(api.linkTargets({ uids: ['not a uid'] })).rejects.toMatchObject({ code: 'invalid-argument' });
    await api.deleteNote({ id: note.id });
    expect(await api.backlinks({ id })).toEqual([]);
  });

  it('saves, replaces, lists and deletes saved searches', async () => {
    const api = session.api;
    expect(await api.saveSearch({ name: 'إدلب', query: 'ادلب tag:syria' })).toMatchObject({ name: 'إدلب', query: 'ادلب tag:syria', sort: 'relevance' });
    await api.saveSearch({ name: 'إدلب', query: 'ادلب', sort: 'newest' });
    await api.saveSearch({ name: 'oil', query: 'oil prices' });
    expect((await api.listSavedSearches({})).map((s) => [s.name, s.query, s.sort])).toEqual([['oil', 'oil prices', 'relevance'], ['إدلب', 'ادلب', 'newest']]);
    expect(await api.deleteSavedSearch({ name: 'oil' })).toEqual({ deleted: true });
    expect(await api.deleteSavedSearch({ name: 'oil' })).toEqual({ deleted: false });
    await expect(api.saveSearch({ name: ' ', query: 'x' })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('stores source paths relative to sourceRoot when given', async () => {
    const dir = writeFiles({ 'upload/report.txt': 'An uploaded report about Raqqa' });
    const report = await session.api.importPaths({ paths: [dir], tags: [], sourceRoot: dir });
    expect(report.results[0]!.path).toMatch(/report\.txt$/);
    expect((await session.api.getItem({ id: report.results[0]!.id! })).source!.path).toBe('upload/report.txt');
  });

  it('backs up into the chosen folder and reports the last backup', async () => {
    const api = session.api;
    const folder = tempDir('khizana-backups-');
    expect(await api.setBackupSettings({ folder, auto: true })).toMatchObject({ folder, auto: true, keep: 7, lastBackupAt: null });
    const result = await api.backupNow({});
    expect(result!.file.startsWith(folder)).toBe(true);
    expect(fs.statSync(result!.file).size).toBe(result!.bytes);
    expect(await api.backupNow({ ifDue: true })).toBeNull(); // one a day
    expect(await api.backupStatus({})).toMatchObject({ folder, auto: true, lastBackupAt: result!.createdAt, lastBackupFile: result!.file, running: false });
    await expect(api.backupNow({ file: result!.file })).rejects.toMatchObject({ code: 'invalid-argument' });
    await api.setBackupSettings({ auto: false });
    const target = `${tempDir('khizana-restore-')}/restored`;
    expect(await api.restoreBackup({ file: result!.file, target })).toMatchObject({ target, counts: result!.counts });
    expect(fs.existsSync(`${target}/khizana.sqlite`)).toBe(true);
    await expect(api.restoreBackup({ file: result!.file, target })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('exports a search to a zip and refuses a non-empty folder', async () => {
    const target = `${tempDir('khizana-export-')}/raqqa.zip`;
    const total = (await session.api.search({ query: 'Raqqa', limit: 1 })).total;
    const result = await session.api.exportItems({ target, query: 'Raqqa' });
    expect(result.counts.articles + result.counts.notes).toBeGreaterThanOrEqual(total);
    expect(fs.statSync(target).size).toBe(result.bytes);
    await expect(session.api.exportItems({ target: writeFiles({ 'x.txt': 'x' }) })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('renames and deletes tags; tags a whole search with progress events, and undoes it', async () => {
    const api = session.api;
    const dir = writeFiles({ 'w1.txt': 'Wheat prices\n\nwheat in Homs', 'w2.txt': 'Wheat stocks\n\nwheat in Hama', 'w3.txt': 'Barley\n\nbarley only' });
    const ids = (await api.importPaths({ paths: [dir], tags: ['crops/grain'] })).results.map((r) => r.id!);
    expect(await api.renameTag({ from: 'crops', to: 'harvest' })).toMatchObject({ tags: 1, items: 3 });
    const done = await api.bulkTag({ query: 'wheat', tag: 'markets', jobId: 'bulk-1' });
    expect(done).toMatchObject({ jobId: 'bulk-1', changed: 2 });
    await expect.poll(() => events.some((e) => e.type === 'bulkProgress' && e.progress.jobId === 'bulk-1' && e.progress.done === 2)).toBe(true);
    expect((await api.bulkUntag({ ids: done.ids, tag: 'markets' })).changed).toBe(2);
    const deleted = await api.bulkDelete({ ids });
    expect(deleted.changed).toBe(3);
    expect((await api.bulkRestore({ ids: deleted.ids })).changed).toBe(3);
    expect(await api.deleteTag({ tag: 'harvest' })).toEqual({ tag: 'harvest', tags: 1, items: 3 });
    await expect(api.deleteTag({ tag: 'harvest' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('errors cross the transport as {code, message}', async () => {
    await expect(session.api.getItem({ id: 424242 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(session.api.addTag({ id: 1, tag: '   ' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(session.api.search({ query: 'x', limit: -1 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(session.api.addNote({ text: '' })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('cancels an import; what was imported stays', async () => {
    const offered = 500;
    const files: Record<string, string> = {};
    for (let i = 0; i < offered; i++) files[`f${String(i).padStart(4, '0')}.txt`] = `file number ${i} about cancellation`;
    const dir = writeFiles(files);
    // Cancel as soon as the first file is stored: the import is then surely running and has
    // stored something, on every transport however fast, and hundreds of files are still to come.
    let cancel: Promise<{ cancelled: boolean }> | null = null;
    const cancelAfterFirstFile = (event: ArchiveEvent) => {
      if (cancel || event.type !== 'importProgress' || event.progress.jobId !== 'job-cancel' || event.progress.filesDone < 1) return;
      cancel = session.api.cancelImport({ jobId: 'job-cancel' });
    };
    listeners.add(cancelAfterFirstFile);
    try {
      const report = await session.api.importPaths({ paths: [dir], tags: [], jobId: 'job-cancel' });
      expect(cancel, 'no progress event with a stored file arrived').not.toBeNull();
      expect(await cancel).toEqual({ cancelled: true });
      expect(report.cancelled).toBe(true);
      expect(report.imported).toBeGreaterThan(0);
      expect(report.imported).toBeLessThan(offered);
      expect((await session.api.search({ query: 'cancellation' })).total).toBe(report.imported);
    } finally {
      listeners.delete(cancelAfterFirstFile);
    }
    // A job that is not running cannot be cancelled.
    expect(await session.api.cancelImport({ jobId: 'job-cancel' })).toEqual({ cancelled: false });
  });
}
