// How the CLI prints: JSON lines for machines, readable text (bold matches) for people.
import type { Span } from '../shared/dto.js';

/** Usage errors exit with 2, every other error with 1. */
export class UsageError extends Error {}

/** Whether to use ANSI styles: a terminal, or FORCE_COLOR, and never with NO_COLOR. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR) return false;
  return Boolean(process.env.FORCE_COLOR) || Boolean(stream.isTTY);
}

/** Wraps the highlighted spans of `text` in bold (or «» without colour, so matches still show). */
export function emphasise(text: string, spans: Span[], color: boolean): string {
  const [open, close] = color ? ['\x1b[1m', '\x1b[22m'] : ['«', '»'];
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + open + text.slice(start, end) + close;
    at = end;
  }
  return out + text.slice(at);
}

/** Prints one line of JSON. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A dimmed string (when colour is on). */
export function dim(text: string, color: boolean): string {
  return color ? `\x1b[2m${text}\x1b[22m` : text;
}
