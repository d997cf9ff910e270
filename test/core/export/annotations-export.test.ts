// Annotations leave an archive as W3C Web Annotations (annotations.jsonl), come back when the
// export is imported, and are kept by a backup and its restore (the same database).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openArchive } from '../../../electron/core/archive.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { tempDir } from '../../support/paths.js';
import { samplePath } from '../../support/shared.js';

describe('annotations in exports and backups', () => {
  it('are exported as W3C Web Annotations, imported back with their uids, found by search, and kept by a backup', async () => {
    const source = await freshArchive();
    try {
      const { api } = source;
      const id = (await api.importPaths({ paths: [samplePath] })).results[0]!.id!;
      const otherId = (await api.importPaths({ paths: [writeFiles({ 'x.txt': 'A second article about the Idlib front.' })] })).results[0]!.id!;
      const commented = await api.addAnnotation({ id, quote: 'المرتزقة الروس', comment: 'مصدر آخر **يؤكد** ذلك', color: 'purple' });
      const plain = await api.addAnnotation({ id: otherId, quote: 'Idlib front' });
      const gone = await api.addAnnotation({ id, quote: 'ضابطين' });
      await api.deleteAnnotation({ annotation: gone.uid }); // deleted: not exported

      const target = path.join(tempDir(), 'export');
      await api.exportItems({ target });
      const lines = fs.readFileSync(path.join(target, 'annotations.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(2);
      const item = await api.getItem({ id });
      expect(lines.find((l) => l.id === `urn:uuid:${commented.uid}`)).toEqual({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: `urn:uuid:${commented.uid}`,
        type: 'Annotation',
        motivation: 'commenting',
        created: commented.createdAt,
        modified: commented.updatedAt,
        body: [{ type: 'TextualBody', value: 'مصدر آخر **يؤكد** ذلك', format: 'text/markdown', purpose: 'commenting' }],
        target: {
          source: `urn:uuid:${item.uid}`,
          styleClass: 'purple',
          selector: [
            { type: 'TextQuoteSelector', exact: 'المرتزقة الروس', prefix: commented.prefix, suffix: commented.suffix },
            { type: 'TextPositionSelector', start: commented.position.start, end: commented.position.end },
          ],
        },
        stylesheet: { type: 'CssStylesheet', value: expect.stringMatching(/^\.purple \{ background-color: #[0-9a-f]{6} \}$/) },
      });
      expect(lines.find((l) => l.id === `urn:uuid:${plain.uid}`)).toMatchObject({ motivation: 'highlighting' });
      expect(JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8')).files.annotations).toBe('annotations.jsonl');

      const copyDir = path.join(tempDir(), 'copy');
      const copy = await openArchive({ dir: copyDir, parseWorkers: 0 });
      try {
        await copy.api.importPaths({ paths: [target] });
        const back = await copy.api.listAnnotations({});
        const strip = (list: typeof back) => list.map(({ id: _id, itemId: _itemId, ...rest }) => rest);
        expect(strip(back)).toEqual(strip(await api.listAnnotations({})));
        expect((await copy.api.search({ query: 'in:annotations يؤكد' })).hits.map((h) => h.annotation)).toEqual([commented.uid]);
        // Importing the export again adds nothing.
        await copy.api.importPaths({ paths: [target] });
        expect(await copy.api.listAnnotations({})).toHaveLength(2);
      } finally {
        await copy.close();
      }

      const backup = path.join(tempDir(), 'backup.tar');
      await api.backupNow({ file: backup });
      const restoredDir = path.join(tempDir(), 'restored');
      await api.restoreBackup({ file: backup, target: restoredDir });
      const restored = await openArchive({ dir: restoredDir, parseWorkers: 0 });
      try {
        expect(await restored.api.listAnnotations({})).toEqual(await api.listAnnotations({}));
        expect((await restored.api.search({ query: 'in:annotations يؤكد' })).total).toBe(1);
        await restored.api.restoreAnnotation({ annotation: gone.uid }); // the deleted one is there too, for Undo
        expect(await restored.api.listAnnotations({ on: id })).toHaveLength(2);
      } finally {
        await restored.close();
      }
    } finally {
      await source.close();
    }
  });
});
