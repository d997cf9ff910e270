#!/usr/bin/env node
// Bundles the sandboxed preload (electron/preload/preload.cts + bridge.ts) into one CommonJS file.
// A sandboxed preload cannot be ESM and can require only 'electron' (plus 'events', 'timers',
// 'url'), so everything else is inlined. The contract's `methodNames` are inlined as a literal
// list read from the real contract at build time: bundling the contract itself would drag all of
// zod (~450 KB minified) into every window for a list of fifteen names.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const preloadEntry = path.join(root, 'electron', 'preload', 'preload.cts');
export const preloadOutfile = path.join(root, 'dist', 'electron', 'preload', 'preload.cjs');
const contractFile = path.join(root, 'electron', 'shared', 'contract.ts');

/** The contract's method names, read by bundling and importing the real contract. */
export async function contractMethodNames() {
  const result = await build({ entryPoints: [contractFile], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
  const code = result.outputFiles[0].text;
  const contract = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return [...contract.methodNames];
}

/** esbuild plugin: preload imports of the contract get a module holding only `methodNames`. */
function contractNamesPlugin(names) {
  return {
    name: 'contract-method-names',
    setup(builder) {
      builder.onResolve({ filter: /[\\/]shared[\\/]contract(\.js|\.ts)?$/ }, (args) => ({ path: args.path, namespace: 'contract-method-names' }));
      builder.onLoad({ filter: /.*/, namespace: 'contract-method-names' }, () => ({
        contents: `export const methodNames = ${JSON.stringify(names)};\n`,
        loader: 'js',
      }));
    },
  };
}

/** Bundles the preload to `outfile` and returns its path. */
export async function buildPreload(outfile = preloadOutfile) {
  const names = await contractMethodNames();
  await build({
    entryPoints: [preloadEntry],
    outfile,
    bundle: true,
    format: 'cjs',
    // 'browser' makes any Node built-in import a build error instead of a runtime one.
    platform: 'browser',
    target: 'chrome140', // Electron 45
    external: ['electron'],
    plugins: [contractNamesPlugin(names)],
    tsconfig: path.join(root, 'electron', 'preload', 'tsconfig.json'),
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = await buildPreload(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`preload bundled: ${path.relative(process.cwd(), file)}`);
}
