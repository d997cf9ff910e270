// Lint, including the dependency rules of DESIGN §1: a wrong import fails `npm test`.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * no-restricted-imports options for a zone: forbidden path patterns and package names. A pattern
 * may be a list, read as one .gitignore (so a later `!pattern` re-allows what an earlier one forbade).
 */
function zone(patterns, paths = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message: 'DESIGN §1: this layer may not import it.' })),
        patterns: patterns.map((group) => ({ group: [group].flat(), message: 'DESIGN §1: this layer may not import it.' })),
      },
    ],
  };
}

const notApp = ['**/main/**', '**/preload/**', '**/cli/**', '**/web/**', '**/renderer/**', 'electron', 'electron/*'];
const notCli = ['**/main/**', '**/preload/**', '**/renderer/**', 'electron', 'react'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: zone(['../*', '**/core/**', ...notApp], [...nodeBuiltins, 'better-sqlite3', 'react']),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: zone([...notApp, 'react', 'react-dom']),
  },
  {
    files: ['electron/cli/**/*.ts'],
    ignores: ['electron/cli/commands/serve.ts'],
    rules: zone([...notCli, '**/web/**']),
  },
  {
    // The CLI imports the web bridge only to start it (`khizana serve`), through its entry.
    files: ['electron/cli/commands/serve.ts'],
    rules: zone([...notCli, ['**/web/**', '!**/web/serve-archive.js']]),
  },
  {
    files: ['electron/web/**/*.ts'],
    rules: zone(['**/main/**', '**/preload/**', '**/cli/**', 'electron', 'react']),
  },
  {
    files: ['electron/preload/**/*.ts', 'electron/preload/**/*.cts'],
    rules: zone(['**/core/**', '**/main/**', '**/cli/**', '**/web/**', '**/renderer/**'], ['better-sqlite3']),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: zone(['**/cli/**', '**/web/**', '**/renderer/**', '**/preload/**']),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    // citation-js (with citeproc, ~2 MB) formats citations in the core only: never in the page bundle.
    rules: zone(['**/electron/core/**', '**/electron/main/**', '**/electron/cli/**', '**/electron/web/**', '**/electron/preload/**', 'electron/*', '@citation-js/*', 'citeproc'], [...nodeBuiltins, 'better-sqlite3', 'electron']),
  },
  {
    // The zones see static imports only, so a dynamic import() may name only a module of its own
    // folder or below ('./…'): lazy loading stays possible, and no import escapes the zones.
    files: ['electron/**/*.ts', 'electron/**/*.cts', 'renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportExpression:not([source.type='Literal'][source.value=/^\\.\\//])", message: "DESIGN §1: a dynamic import() may only name './…'; import other folders statically." },
      ],
    },
  },
);
