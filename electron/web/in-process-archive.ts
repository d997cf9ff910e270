// The archive opened in the serving thread itself (serveArchive's `inWorker: false`, as the UI tests
// run it). serve-archive.ts loads this module only then, so `khizana serve`'s main thread, whose
// archive runs in worker threads, never loads the core or SQLite (issue 14).
export { openArchive } from '../core/archive.js';
