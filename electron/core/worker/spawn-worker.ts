// Starts a worker thread from a module URL. From compiled JS (the app, the CLI) it is a plain
// Worker; from TypeScript sources (the test runner) the worker first registers tsx to load .ts.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The URL of a sibling module, `.ts` when running from sources and `.js` from dist/. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** Starts `url` in a worker thread. */
export function spawnWorker(url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(url.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), options);
}
