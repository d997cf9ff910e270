// An upload through `khizana serve` warms the parser workers when it begins (server.ts calls
// prepareImport), so the commit does not wait ~0.3–0.5 CPU s for them to start (issue 14).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchiveInWorker, type WorkerSession } from '../../../electron/core/worker/worker-client.js';
import { tempDir } from '../../support/paths.js';

let session: WorkerSession;
beforeAll(async () => {
  session = await openArchiveInWorker({ dir: path.join(tempDir(), 'archive') });
});
afterAll(async () => session?.close());

it('prepareImport starts the parser workers on the writer; an import after it uses them', async () => {
  const { parsers } = await session.api.prepareImport({});
  expect(parsers).toBeGreaterThan(0);
  const folder = tempDir();
  fs.writeFileSync(path.join(folder, 'a.txt'), 'a file about Aleppo');
  const report = await session.api.importPaths({ paths: [path.join(folder, 'a.txt')] });
  expect(report.imported).toBe(1);
  expect((await session.api.search({ query: 'Aleppo' })).total).toBe(1);
});
