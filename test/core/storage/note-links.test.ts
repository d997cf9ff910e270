// Links between notes and sources on real archives: a note's `[Title](khizana:<uid>)` links are
// kept in the links table in the note's own save, re-read on every edit, survive renaming the
// target, show the target as broken while it is in the trash or gone and as working again when it
// comes back; the migration fills the table for notes written before it; the autocomplete's
// title-only lazy query finds Arabic titles as search does; the export turns links into wikilinks.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFileName, openArchive, type ArchiveSession } from '../../../electron/core/archive.js';
import { migrate } from '../../../electron/core/storage/database.js';
import { migrations } from '../../../electron/core/storage/migrations.js';
import { findAnnotationLinks, findNoteLinks, formatNoteLink, linksAsLabels, linkSentence, uidOfHref } from '../../../electron/shared/note-links.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

const files = {
  'idlib.txt': 'معارك في إدلب\n\nسيطرت الفصائل على ست قرى جنوب شرق إدلب.',
  'heron.txt': 'Herons of the marsh\n\nA grey heron stood in the reeds.',
};

async function setUp() {
  archive = await freshArchive();
  const { api } = archive;
  const report = await api.importPaths({ paths: [writeFiles(files)] });
  const id = (name: string) => report.results.find((r) => r.path.endsWith(name))!.id!;
  const idlib = await api.getItem({ id: id('idlib.txt') });
  const heron = await api.getItem({ id: id('heron.txt') });
  return { api, idlib, heron };
}

/** What the links table holds, read beside the session. */
function linkRows(dir: string): Array<{ from_id: number; to_uid: string; sentence: string }> {
  const db = new Database(path.join(dir, databaseFileName), { readonly: true });
  try {
    return db.prepare('SELECT from_id, to_uid, sentence FROM note_links ORDER BY from_id, position').all() as Array<{ from_id: number; to_uid: string; sentence: string }>;
  } finally {
    db.close();
  }
}

describe('the link syntax', () => {
  it('writes a Markdown link to the uid that reads back with its label, brackets escaped', () => {
    const uid = '01890a5d-ac96-7000-8000-000000000004';
    const link = formatNoteLink('Report [draft]\nof\\ 2019', uid);
    expect(link).toBe(`[Report \\[draft\\] of\\\\ 2019](khizana:${uid})`);
    expect(findNoteLinks(`see ${link} now`)).toEqual([{ start: 4, end: 4 + link.length, label: 'Report [draft] of\\ 2019', uid }]);
    expect(uidOfHref(`khizana:${uid.toUpperCase()}`)).toBe(uid);
    expect(uidOfHref('https://example.org')).toBeNull();
    expect(findNoteLinks('[x](https://example.org) [y](khizana:not-a-uid)')).toEqual([]);
  });

  it('takes the sentence around a link, in Arabic and English, links read as their labels', () => {
    const a = formatNoteLink('معارك في إدلب', '01890a5d-ac96-7000-8000-00000000000a');
    const b = formatNoteLink('Herons', '01890a5d-ac96-7000-8000-00000000000b');
    const text = `# ملاحظات\n\n- جملة أولى. راجع ${a} عن القرى الست، وقارن ب${b}! جملة أخيرة.\nسطر آخر.`;
    const [first, second] = findNoteLinks(text);
    expect(linkSentence(text, first!.start, first!.end)).toBe('راجع معارك في إدلب عن القرى الست، وقارن بHerons!');
    expect(linkSentence(text, second!.start, second!.end)).toBe('راجع معارك في إدلب عن القرى الست، وقارن بHerons!');
    const long = `${'word '.repeat(200)}see ${b} here ${'more '.repeat(200)}`;
    const link = findNoteLinks(long)[0]!;
    const sentence = linkSentence(long, link.start, link.end);
    expect(sentence).toContain('see Herons here');
    expect(sentence.length).toBeLessThanOrEqual(302);
    expect(sentence.startsWith('…') && sentence.endsWith('…')).toBe(true);
  });
});

describe('links and backlinks', () => {
  it('keeps links on save, re-reads them on edit, and never on another note', async () => {
    const { api, idlib, heron } = await setUp();
    const text = `قراءة اليوم.\nالفصائل تتقدم، كما في ${formatNoteLink(idlib.title, idlib.uid)}. وأمور أخرى.`;
    const note = await api.addNote({ text });
    expect(await api.backlinks({ id: idlib.id })).toEqual([{ fromId: note.id, fromUid: note.uid, fromTitle: 'قراءة اليوم.', sentence: 'الفصائل تتقدم، كما في معارك في إدلب.' }]);
    expect(await api.backlinks({ id: heron.id })).toEqual([]);
    expect(linkRows(archive!.dir)).toEqual([{ from_id: note.id, to_uid: idlib.uid, sentence: 'الفصائل تتقدم، كما في معارك في إدلب.' }]);

    // An edit re-reads the links: the Idlib link goes, two to the heron come.
    const heronLink = formatNoteLink(heron.title, heron.uid);
    await api.updateNote({ id: note.id, text: `قراءة اليوم.\nSee ${heronLink}. And again ${heronLink} here.` });
    expect(await api.backlinks({ id: idlib.id })).toEqual([]);
    expect((await api.backlinks({ id: heron.id })).map((b) => b.sentence)).toEqual(['See Herons of the marsh.', 'And again Herons of the marsh here.']);

    // A note on an item links to another note; the linked note shows it.
    const other = await api.addNote({ text: `Compare with ${formatNoteLink(note.title, note.uid)}.`, on: heron.id });
    expect(await api.backlinks({ id: note.id })).toEqual([{ fromId: other.id, fromUid: other.uid, fromTitle: other.title, sentence: `Compare with ${note.title}.` }]);
    await expect(api.backlinks({ id: 999 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('titles a note that starts with a link by the link’s label, not its address', async () => {
    const { api, idlib } = await setUp();
    const note = await api.addNote({ text: `## عن ${formatNoteLink(idlib.title, idlib.uid)}\n\nنص.` });
    expect(note.title).toBe('عن معارك في إدلب');
    expect((await api.backlinks({ id: idlib.id }))[0]!.fromTitle).toBe('عن معارك في إدلب');
  });

  it('shows a link in a search snippet as its label, without its address', async () => {
    const { api, idlib } = await setUp();
    await api.addNote({ text: `تحقق\n\nراجع ${formatNoteLink(idlib.title, idlib.uid)} عن القرى الست.` });
    const [hit] = (await api.search({ query: 'in:notes الست' })).hits.filter((h) => h.kind === 'note');
    expect(hit!.snippet).toMatch(/ راجع معارك في إدلب عن القرى الست\.$/);
    expect(hit!.snippet).not.toMatch(/khizana|\[|\]/);
    expect(hit!.snippet.slice(...hit!.highlights[0]!)).toBe('الست');
  });

  it('indexes a link as its label: its address (khizana, the uid) is not a word of the note', async () => {
    const { api, idlib } = await setUp();
    const note = await api.addNote({ text: `Reading\n\nSee ${formatNoteLink('the villages report', idlib.uid)} again.` });
    const ids = async (query: string) => (await api.search({ query })).hits.map((h) => h.id);
    expect(await ids('villages')).toContain(note.id);
    expect(await ids('khizana')).toEqual([]);
    expect(await ids(idlib.uid.slice(0, 8))).toEqual([]);
  });

  it('resolves a link to an annotation (Quote in note) to the item it is on, broken once the annotation is deleted', async () => {
    const { api, idlib } = await setUp();
    const annotation = await api.addAnnotation({ id: idlib.id, quote: 'ست قرى' });
    const text = `> ست قرى\n>\n> — [annotation](khizana:annotation/${annotation.uid})`;
    expect(findAnnotationLinks(text)).toEqual([annotation.uid]);
    expect(linksAsLabels(text)).toBe('> ست قرى\n>\n> — annotation');
    expect(await api.linkTargets({ uids: [annotation.uid] })).toEqual([{ uid: annotation.uid, id: idlib.id, kind: 'article', title: idlib.title, state: 'ok', annotation: true }]);
    await api.deleteAnnotation({ annotation: annotation.uid });
    expect((await api.linkTargets({ uids: [annotation.uid] }))[0]).toMatchObject({ state: 'trashed', annotation: true });
    const note = await api.addNote({ text, on: idlib.id });
    expect((await api.search({ query: 'khizana' })).hits.map((h) => h.id)).not.toContain(note.id);
  });

  it('keeps a link when the target is renamed', async () => {
    const { api, idlib } = await setUp();
    const text = `انظر ${formatNoteLink(idlib.title, idlib.uid)}.`;
    const note = await api.addNote({ text });
    await api.editItem({ id: idlib.id, title: 'الفصائل تسيطر على قرى إدلب' });
    expect(await api.linkTargets({ uids: [idlib.uid] })).toEqual([{ uid: idlib.uid, id: idlib.id, kind: 'article', title: 'الفصائل تسيطر على قرى إدلب', state: 'ok' }]);
    expect((await api.backlinks({ id: idlib.id })).map((b) => b.fromId)).toEqual([note.id]);
    expect((await api.getItem({ id: note.id })).text).toBe(text);
  });

  it('shows a link to a trashed or purged item as broken, the note untouched, and working again once restored', async () => {
    const { api, idlib, heron } = await setUp();
    const text = `انظر ${formatNoteLink(idlib.title, idlib.uid)} و${formatNoteLink(heron.title, heron.uid)}.`;
    const note = await api.addNote({ text });
    const states = async () => (await api.linkTargets({ uids: [idlib.uid, heron.uid, idlib.uid] })).map((t) => [t.uid, t.state]);

    await api.deleteItem({ id: idlib.id });
    expect(await states()).toEqual([[idlib.uid, 'trashed'], [heron.uid, 'ok']]);
    expect((await api.getItem({ id: note.id })).text).toBe(text);
    await api.restoreItem({ id: idlib.id });
    expect(await states()).toEqual([[idlib.uid, 'ok'], [heron.uid, 'ok']]);

    await api.deleteItem({ id: idlib.id });
    await api.emptyTrash({});
    expect(await api.linkTargets({ uids: [idlib.uid] })).toEqual([{ uid: idlib.uid, id: null, kind: null, title: null, state: 'missing' }]);
    expect((await api.getItem({ id: note.id })).text).toBe(text);
    // The same file imported again has the same uid: the link works again.
    const again = await api.importPaths({ paths: [writeFiles({ 'idlib.txt': files['idlib.txt'] })] });
    expect(await api.linkTargets({ uids: [idlib.uid] })).toEqual([expect.objectContaining({ id: again.results[0]!.id, state: 'ok' })]);
    expect((await api.backlinks({ id: again.results[0]!.id! })).map((b) => b.fromId)).toEqual([note.id]);
  });

  it('leaves a linking note in the trash out of the backlinks until it is restored, and forgets a purged one', async () => {
    const { api, idlib } = await setUp();
    const note = await api.addNote({ text: `انظر ${formatNoteLink(idlib.title, idlib.uid)}.` });
    await api.deleteItem({ id: note.id });
    expect(await api.backlinks({ id: idlib.id })).toEqual([]);
    await api.restoreItem({ id: note.id });
    expect((await api.backlinks({ id: idlib.id })).map((b) => b.fromId)).toEqual([note.id]);
    await api.deleteItem({ id: note.id });
    await api.emptyTrash({});
    expect(linkRows(archive!.dir)).toEqual([]);
  });

  it('finds link targets by title the lazy way, as search does (the autocomplete’s query)', async () => {
    const { api, idlib, heron } = await setUp();
    const titles = async (query: string) => (await api.search({ query, limit: 8 })).hits.map((h) => h.uid);
    expect(await titles('title:ادل*')).toEqual([idlib.uid]); // إدلب typed without its hamza, half-way
    expect(await titles('title:المعارك title:ادلب')).toEqual([idlib.uid]); // with ال, without the hamza
    expect(await titles('title:her*')).toEqual([heron.uid]);
    expect(await titles('title:reeds')).toEqual([]); // in the text, not the title
  });

  it('brings links back with an export imported into another archive', async () => {
    const { api, idlib } = await setUp();
    const note = await api.addNote({ text: `انظر ${formatNoteLink(idlib.title, idlib.uid)}.` });
    const target = path.join(tempDir(), 'export');
    await api.exportItems({ target });
    const other = await freshArchive();
    try {
      await other.api.importPaths({ paths: [target] });
      const again = (await other.api.search({ query: 'title:ادلب type:article' })).hits[0]!;
      expect((await other.api.backlinks({ id: again.id })).map((b) => b.fromUid)).toEqual([note.uid]);
    } finally {
      await other.close();
    }
  });
});

describe('the export', () => {
  it('turns links to exported items and notes into wikilinks to their files, and keeps the others', async () => {
    const { api, idlib, heron } = await setUp();
    const target = formatNoteLink('standalone', '01890a5d-ac96-7000-8000-0000000000ff');
    const first = await api.addNote({ text: 'First thoughts' });
    await api.addNote({ text: `# Reading\n\nSee ${formatNoteLink(idlib.title, idlib.uid)} and ${formatNoteLink('old [name]', first.uid)}, not ${target}.`, on: heron.id });
    const dir = path.join(tempDir(), 'export');
    await api.exportItems({ target: dir });
    const reading = fs.readFileSync(path.join(dir, 'notes/Reading.md'), 'utf8');
    expect(reading).toContain(`See [[items/معارك في إدلب|معارك في إدلب]] and [[notes/First thoughts|old  name ]], not ${target}.`);
    // Only what is exported is linked: an export of the heron alone keeps the khizana: links.
    const alone = path.join(tempDir(), 'export');
    await api.exportItems({ target: alone, ids: [heron.id] });
    expect(fs.readFileSync(path.join(alone, 'notes/Reading.md'), 'utf8')).toContain(`See ${formatNoteLink(idlib.title, idlib.uid)} and`);
  });
});

describe('the links migration', () => {
  const linksVersion = migrations.find((m) => m.description.startsWith('links from notes'))!.version;
  it('fills the links table for the notes written before it', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, databaseFileName));
    migrate(db, migrations.filter((m) => m.version < linksVersion));
    const now = '2024-01-02T03:04:05.000Z';
    const insert = db.prepare("INSERT INTO items (id, uid, kind, title, text, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.run(1, '01890a5d-ac96-7000-8000-000000000001', 'article', 'Zanzibar harbour', 'The harbour', now, now);
    insert.run(2, '01890a5d-ac96-7000-8000-000000000002', 'note', 'Dhows', `Dhows\n\nThe dhows of ${formatNoteLink('Zanzibar', '01890a5d-ac96-7000-8000-000000000001')} sail at dawn. Later.`, now, now);
    insert.run(3, '01890a5d-ac96-7000-8000-000000000003', 'note', 'plain', 'no links here', now, now);
    db.close();

    const session = await openArchive({ dir, parseWorkers: 0 });
    try {
      expect(await session.api.backlinks({ id: 1 })).toEqual([{ fromId: 2, fromUid: '01890a5d-ac96-7000-8000-000000000002', fromTitle: 'Dhows', sentence: 'The dhows of Zanzibar sail at dawn.' }]);
    } finally {
      await session.close();
    }
  });
});
