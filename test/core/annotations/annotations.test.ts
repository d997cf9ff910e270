// Annotations on real archives: adding by span and by quote, the errors a person sees, reading
// order and re-anchoring, orphans, search (in:annotations, comments, in:notes), undo, the change log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { databaseFileName, type ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { fixturesDir, samplePath, sampleText } from '../../support/shared.js';

const sample = sampleText();
let archive: ArchiveSession;
let sampleId: number;
let otherId: number;

beforeAll(async () => {
  archive = await freshArchive();
  sampleId = (await archive.api.importPaths({ paths: [samplePath] })).results[0]!.id!;
  const dir = writeFiles({ 'other.txt': 'تقرير آخر عن ريف إدلب الجنوبي وعن الأسواق.\n\nA second paragraph about markets.' });
  otherId = (await archive.api.importPaths({ paths: [dir] })).results[0]!.id!;
});
afterAll(() => archive.close());

const ids = async (query: string) => (await archive.api.search({ query, limit: 50 })).hits.map((h) => h.id);

describe('annotations', () => {
  it('are added by span or by a quote typed without diacritics, and listed in reading order', async () => {
    const { api } = archive;
    const later = sample.indexOf('المرتزقة الروس');
    const byQuote = await api.addAnnotation({ id: sampleId, quote: 'الفصائل  من اسر', color: 'green', comment: 'أسرى: تحقق من **العدد**' });
    expect(byQuote.exact).toBe('الفصائل مِن أسر');
    expect(byQuote.resolved).toEqual({ start: sample.indexOf('الفصائل مِن أسر'), end: sample.indexOf('الفصائل مِن أسر') + 'الفصائل مِن أسر'.length });
    expect(byQuote).toMatchObject({ orphaned: false, color: 'green', itemId: sampleId, page: null, prefix: sample.slice(byQuote.position.start - 32, byQuote.position.start) });
    const bySpan = await api.addAnnotation({ id: sampleId, start: later, end: later + 'المرتزقة الروس'.length });
    expect(bySpan).toMatchObject({ exact: 'المرتزقة الروس', color: 'yellow', comment: '' });
    const list = await api.listAnnotations({ on: sampleId });
    expect(list.map((a) => a.uid)).toEqual([bySpan.uid, byQuote.uid].sort((a, b) => list.findIndex((x) => x.uid === a) - list.findIndex((x) => x.uid === b)));
    expect(list.map((a) => a.resolved!.start)).toEqual([...list.map((a) => a.resolved!.start)].sort((a, b) => a - b));
    expect((await api.listAnnotations({})).map((a) => a.itemId)).toEqual([sampleId, sampleId]);
  });

  it('refuse a quote that is not there or is there twice, in one line that says what to do', async () => {
    const { api } = archive;
    await expect(api.addAnnotation({ id: sampleId, quote: 'لا يوجد في النص' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/is not in item \d+.*khizana show/) });
    await expect(api.addAnnotation({ id: sampleId, quote: 'ولا تهنوا' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/occurs 3 times in item \d+: choose one with --occurrence 1 to 3/) });
    await expect(api.addAnnotation({ id: sampleId, quote: 'ولا تهنوا', occurrence: 4 })).rejects.toMatchObject({ code: 'invalid-argument' });
    const third = await api.addAnnotation({ id: sampleId, quote: 'ولا تهنوا', occurrence: 3 });
    let at = -1;
    for (let i = 0; i < 3; i++) at = sample.indexOf('ولا تهنوا', at + 1);
    expect(third.resolved!.start).toBe(at);
    await api.deleteAnnotation({ annotation: third.uid });
    await expect(api.addAnnotation({ id: sampleId, start: 5, end: 5 })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(api.addAnnotation({ id: sampleId, start: 0, end: 5, quote: 'x' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(api.addAnnotation({ id: 9999, quote: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    for (const error of await Promise.allSettled([api.addAnnotation({ id: sampleId, quote: 'ولا تهنوا' })])) {
      expect(String((error as PromiseRejectedResult).reason.message)).not.toContain('\n');
    }
  });

  it('are found by search: in:annotations gives the item with the annotation as snippet; comments by any search', async () => {
    const { api } = archive;
    const [annotation] = (await api.listAnnotations({ on: sampleId })).filter((a) => a.comment !== '');
    // A word of the comment only (not in the article's text).
    expect(sample).not.toContain('أسرى');
    expect(await ids('أسرى')).toEqual([sampleId]);
    const result = await api.search({ query: 'in:annotations أسرى' });
    expect(result.total).toBe(1);
    expect(result.hits[0]).toMatchObject({ id: sampleId, annotation: annotation!.uid });
    expect(result.hits[0]!.snippet).toContain('الفصائل مِن أسر');
    expect(result.hits[0]!.highlights.map(([s, e]) => result.hits[0]!.snippet.slice(s, e))).toContain('أسرى');
    // The passage is found with in:annotations (as typed, diacritics aside); the rest of the text is not.
    expect(await ids('in:annotations المرتزقة')).toEqual([sampleId]);
    expect(await ids('in:annotations دبابة')).toEqual([]);
    expect(await ids('in:annotations')).toEqual([sampleId]);
    // title: words still match titles (the sample's starts with كشفت).
    expect(await ids('in:annotation الروس title:كشفت')).toEqual([sampleId]);
    expect(await ids('in:annotation الروس title:تقرير')).toEqual([]);
    expect(await ids('in:annotations الروس -سرجة')).toEqual([]);
    // in:notes covers your annotations as well as your notes.
    expect(await ids('in:notes أسرى')).toEqual([sampleId]);
    expect(await ids('in:notes دبابة')).toEqual([]);
    // The other article has no annotations.
    expect(await ids('ريف')).toEqual(expect.arrayContaining([sampleId, otherId]));
    expect(await ids('in:annotations ريف')).toEqual([]);
  });

  it('change comment and colour, and delete with undo, in the index and the change log', async () => {
    const { api } = archive;
    const db = new Database(path.join(archive.dir, databaseFileName), { readonly: true });
    try {
      const [annotation] = (await api.listAnnotations({ on: sampleId })).filter((a) => a.comment !== '');
      const seq = db.prepare('SELECT max(seq) FROM change_log').pluck().get() as number;
      const updated = await api.updateAnnotation({ annotation: annotation!.id, comment: 'عدد الأسرى غير مؤكد', color: 'pink' });
      expect(updated).toMatchObject({ comment: 'عدد الأسرى غير مؤكد', color: 'pink' });
      expect(await ids('مؤكد')).toEqual([sampleId]);
      expect(await api.deleteAnnotation({ annotation: annotation!.uid })).toEqual({ deleted: true, uid: annotation!.uid });
      expect(await ids('مؤكد')).toEqual([]);
      expect((await api.listAnnotations({ on: sampleId })).map((a) => a.uid)).not.toContain(annotation!.uid);
      expect(await api.restoreAnnotation({ annotation: annotation!.uid })).toMatchObject({ uid: annotation!.uid, comment: 'عدد الأسرى غير مؤكد' });
      expect(await ids('مؤكد')).toEqual([sampleId]);
      expect(db.prepare('SELECT entity, uid, op FROM change_log WHERE seq > ? ORDER BY seq').all(seq)).toEqual([
        { entity: 'annotation', uid: annotation!.uid, op: 'update' },
        { entity: 'annotation', uid: annotation!.uid, op: 'trash' },
        { entity: 'annotation', uid: annotation!.uid, op: 'restore' },
      ]);
      await expect(api.updateAnnotation({ annotation: 424242, color: 'blue' })).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      db.close();
    }
  });

  it('leave search with their item when it goes to the trash, and come back with it', async () => {
    const { api } = archive;
    await api.deleteItem({ id: sampleId });
    expect(await ids('in:annotations')).toEqual([]);
    expect(await ids('مؤكد')).toEqual([]);
    expect(await api.listAnnotations({})).toEqual([]);
    await api.restoreItem({ id: sampleId });
    expect(await ids('in:annotations مؤكد')).toEqual([sampleId]);
  });

  it('re-anchor when the text moved (a re-extraction) and are listed as orphaned when their quote is gone', async () => {
    const { api } = archive;
    const db = new Database(path.join(archive.dir, databaseFileName));
    let changed = '';
    try {
      // A re-extraction that put a line before the text and lost the passage about the Russians.
      changed = `سطر جديد في أول النص.\n${sample.replace('المرتزقة الروس', 'المقاتلين')}`;
      db.prepare('UPDATE items SET text = ? WHERE id = ?').run(changed, sampleId);
    } finally {
      db.close();
    }
    const list = await api.listAnnotations({ on: sampleId });
    const moved = list.find((a) => a.exact === 'الفصائل مِن أسر')!;
    expect(moved.orphaned).toBe(false);
    expect(moved.resolved!.start).toBe(changed.indexOf('الفصائل مِن أسر'));
    expect(moved.resolved!.start).not.toBe(moved.position.start);
    const orphan = list.find((a) => a.exact === 'المرتزقة الروس')!;
    expect(orphan).toMatchObject({ orphaned: true, resolved: null });
    expect(list.at(-1)!.uid).toBe(orphan.uid); // orphans after the rest
  });

  it('are deleted for good with their item when the trash is emptied, and that is logged', async () => {
    const { api } = archive;
    const uids = (await api.listAnnotations({ on: otherId })).map((a) => a.uid);
    const added = await api.addAnnotation({ id: otherId, quote: 'الأسواق' });
    await api.deleteItem({ id: otherId });
    await api.emptyTrash({});
    const db = new Database(path.join(archive.dir, databaseFileName), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM annotations WHERE item_id = ?').pluck().get(otherId)).toBe(0);
      expect(db.prepare("SELECT op FROM change_log WHERE entity = 'annotation' AND uid = ? ORDER BY seq").pluck().all(added.uid)).toEqual(['create', 'delete']);
    } finally {
      db.close();
    }
    expect(uids).toEqual([]);
  });

  it('are for articles only', async () => {
    const note = await archive.api.addNote({ text: 'ملاحظة عن ادلب' });
    await expect(archive.api.addAnnotation({ id: note.id, quote: 'ادلب' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('is a note') });
  });
});

describe('annotations on a PDF', () => {
  it('keep the page they are on', async () => {
    const pdf = await freshArchive();
    try {
      const { api } = pdf;
      const id = (await api.importPaths({ paths: [path.join(fixturesDir, 'pdf/pdfjs-tracemonkey.pdf')] })).results[0]!.id!;
      const item = await api.getItem({ id });
      expect(item.pageStarts?.length ?? 0).toBeGreaterThan(1);
      const start = item.pageStarts![1]! + 2;
      const words = item.text.slice(start, start + 40).trim().split(/\s+/).slice(0, 3).join(' ');
      const at = item.text.indexOf(words, item.pageStarts![1]!);
      const annotation = await api.addAnnotation({ id, start: at, end: at + words.length });
      expect(annotation.page).toBe(2);
      expect((await api.search({ query: 'in:annotations' })).hits[0]).toMatchObject({ id, page: 2, annotation: annotation.uid });
    } finally {
      await pdf.close();
    }
  });
});
