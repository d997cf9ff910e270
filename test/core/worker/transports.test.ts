// One contract suite, run over every transport (DESIGN §7): in-process and worker thread here;
// the HTTP transport runs the same suite in test/web.
import { describe } from 'vitest';
import path from 'node:path';
import { openArchive } from '../../../electron/core/archive.js';
import { openArchiveInWorker } from '../../../electron/core/worker/worker-client.js';
import { contractSuite } from '../../support/contract-suite.js';
import { tempDir } from '../../support/paths.js';

describe('in-process transport', () => {
  contractSuite(async (onEvent) => openArchive({ dir: path.join(tempDir(), 'a'), onEvent }));
});

describe('worker-thread transport', () => {
  contractSuite(async (onEvent) => openArchiveInWorker({ dir: path.join(tempDir(), 'a'), onEvent }));
});
