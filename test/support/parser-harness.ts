// What every format parser's tests need: a parse context, bytes handed over the way the importer
// hands them (read back from a file), the ArchiveError a bad file must throw, whitespace-blind
// text, reproducible junk bytes and a heap-growth probe for leak tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect } from 'vitest';
import { ArchiveError } from '../../electron/shared/errors.js';
import { defaultParseLimits, type ParseContext, type ParsedDocument, type ParseLimits, type Parser } from '../../electron/core/import/parsed-document.js';

/** Limits a test tightens; the rest stay at their defaults. */
export type LimitOverrides = Partial<ParseLimits>;

/** A parse context for `filePath` with the default limits, except those overridden. */
export function ctx(filePath: string, limits: LimitOverrides = {}): ParseContext {
  return { path: filePath, limits: { ...defaultParseLimits, ...limits } };
}

/** Parses a file from disk with `parser`, as the importer would hand it over. */
export async function parseFile(parser: Parser, filePath: string, limits: LimitOverrides = {}): Promise<ParsedDocument> {
  return parser(new Uint8Array(fs.readFileSync(filePath)), ctx(filePath, limits));
}

/** Parses bytes through a temp folder of one test file, removed after its tests. */
export interface ParserHarness {
  /** The temp folder. */
  readonly tmp: string;
  /** Writes `bytes` to a temp file named `name` and parses what is read back with `parser`. */
  parseBytes(parser: Parser, name: string, bytes: Uint8Array, limits?: LimitOverrides): Promise<ParsedDocument>;
}

/** A harness with its own temp folder (named after `prefix`); call it at the top of a test file. */
export function parserHarness(prefix: string): ParserHarness {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return {
    tmp,
    parseBytes: async (parser, name, bytes, limits = {}) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      return parseFile(parser, file, limits);
    },
  };
}

/** The ArchiveError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function errorOf(promise: Promise<unknown>): Promise<ArchiveError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveError);
    return error as ArchiveError;
  }
  throw new Error('expected the parser to fail with an ArchiveError');
}

/** `s` with every run of whitespace made one space, trimmed: for phrases that may wrap. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** `length` bytes from a linear congruential generator: junk that is the same on every run for a `seed`. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  let state = seed;
  return new Uint8Array(length).map(() => (state = (state * 1103515245 + 12345) % 2 ** 31) & 0xff);
}

/** Heap growth in MB, after full collections, of running `work` (vitest starts Node without --expose-gc). */
export async function heapGrowthMb(work: () => void | Promise<void>): Promise<number> {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await work(); // warm-up: caches and compiled code are not a leak
  await settle();
  const before = process.memoryUsage().heapUsed;
  await work();
  await settle();
  return (process.memoryUsage().heapUsed - before) / 1e6;
}
