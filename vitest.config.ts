import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Three projects, chosen by what a test starts (DESIGN §7):
// - e2e: real headless Chromium against the built UI, and the Electron smoke test;
// - integration: child processes (the built CLI, esbuild), worker threads (the archive worker,
//   the parser pool) and HTTP servers;
// - unit: everything else, in the test process, against real archives in temp folders.
// A new test file is a unit test unless it is listed here.
const e2e = ['test/e2e/**/*.test.ts', 'test/electron/**/*.test.ts'];
const integration = [
  'test/cli/**/*.test.ts',
  'test/web/server.test.ts',
  'test/web/http-contract.test.ts',
  'test/web/serve-cli.test.ts',
  'test/web/slow-requests.test.ts',
  'test/web/error-hygiene.test.ts',
  'test/web/serve-process.test.ts',
  'test/web/originals.test.ts',
  'test/web/upload-as-files-arrive.test.ts',
  'test/core/worker/**/*.test.ts',
  'test/core/import/parse-pool.test.ts',
  'test/core/import/ocr.test.ts',
  'test/core/storage/trash-crash.test.ts',
  'test/main/main-lifecycle.test.ts',
  'test/main/preload-bundle.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    // One test process per core. Vitest's default keeps a core for itself, which on 2 cores means
    // one test file at a time; its own process only collects results (measured: 106 s → 72 s).
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    // One temp folder per run, removed at its end (test/support/temp-root.ts).
    globalSetup: ['./test/support/temp-root.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...integration, ...e2e] } },
      { extends: true, test: { name: 'integration', include: integration } },
      { extends: true, test: { name: 'e2e', include: e2e } },
    ],
  },
});
