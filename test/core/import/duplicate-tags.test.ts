// A file imported again (a duplicate, by its bytes or by its text) still gets that import's tags,
// unless the item it duplicates is in the trash.
import { afterEach, expect, it } from 'vitest';
import type { ArchiveSession } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';

let archive: ArchiveSession | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

// Long enough (50 words) for the text fingerprint that finds the same text in other bytes.
const text = `Harbour report\n\n${'The ferries left Latakia at dawn with grain and olive oil for the islands. '.repeat(5)}`;

it('adds the import tags to the item a duplicate file already is', async () => {
  archive = await freshArchive();
  const { api } = archive;
  const first = await api.importPaths({ paths: [writeFiles({ 'a.txt': text })], tags: ['ports'] });
  const id = first.results[0]!.id!;
  // The same bytes (found before parsing), then the same text with a byte-order mark (found by its text).
  const again = await api.importPaths({ paths: [writeFiles({ 'copy.txt': text })], tags: ['syria/coast', 'ports'] });
  expect(again.results[0]).toMatchObject({ status: 'duplicate', duplicateOf: id });
  const bom = await api.importPaths({ paths: [writeFiles({ 'bom.txt': `\uFEFF${text}` })], tags: ['reread'] });
  expect(bom.results[0]).toMatchObject({ status: 'duplicate', duplicateOf: id });
  expect((await api.getItem({ id })).tags).toEqual(['ports', 'reread', 'syria/coast']);
});

it('leaves an item in the trash untagged', async () => {
  archive = await freshArchive();
  const { api } = archive;
  const id = (await api.importPaths({ paths: [writeFiles({ 'a.txt': text })] })).results[0]!.id!;
  await api.deleteItem({ id });
  const again = await api.importPaths({ paths: [writeFiles({ 'a.txt': text })], tags: ['ports'] });
  expect(again.results[0]).toMatchObject({ status: 'duplicate', warnings: [expect.stringContaining('trash')] });
  expect((await api.getItem({ id })).tags).toEqual([]);
  expect(await api.listTags({})).toEqual([]);
});
