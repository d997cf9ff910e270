// Argument parsing helpers around node:util parseArgs, turning its errors into usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './output.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments; unknown flags and missing values are usage errors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A positive integer id from the command line. */
export function parseId(value: string | undefined, what = 'id'): number {
  if (value === undefined) throw new UsageError(`missing ${what}`);
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(`"${value}" is not a valid ${what} (a positive whole number)`);
  return id;
}

/** A non-negative integer option, or the default. */
export function parseCount(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number, not "${value}"`);
  return n;
}
