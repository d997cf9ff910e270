// Markdown: YAML front matter (title, tags, date, url/source/link, author(s), lang) becomes metadata.
import { marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import { ArchiveError } from '../../../shared/errors.js';
import { sanitizeHtml } from '../sanitize-html.js';
import { decodeText, looksBinary } from '../decode-text.js';
import { isoDateKeepingOffset, libraryMessage } from '../parse-helpers.js';
import { emptyDocument, type Parser } from '../parsed-document.js';
import { splitAuthors, usableAuthors, webUrl } from '../source-facts.js';
import { cleanText } from './txt.js';

const frontMatter = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

function asString(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().replace(/T00:00:00\.000Z$/u, '');
  return null;
}

function asTags(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.map((t) => String(t).trim()).filter((t) => t.length > 0 && t.length <= 200);
}

/** `author`/`authors`/`creator`: one string (maybe "A and B"), or a list of names (strings or {name}). */
function asAuthors(meta: Record<string, unknown>): string[] {
  const value = meta.authors ?? meta.author ?? meta.creator;
  if (Array.isArray(value)) {
    const names = value.map((v) => (v && typeof v === 'object' ? asString((v as Record<string, unknown>).name) : asString(v)));
    return usableAuthors(names.flatMap((n) => (n && /[;|]/u.test(n) ? splitAuthors(n) : [n])));
  }
  return usableAuthors(splitAuthors(asString(value)));
}

/** The web address the front matter gives (`url`, `link`, or `source`/`original` when it is one). */
function asUrl(meta: Record<string, unknown>): string | null {
  for (const key of ['url', 'link', 'source', 'original', 'source_url', 'canonical_url']) {
    const url = webUrl(asString(meta[key]));
    if (url) return url;
  }
  return null;
}

/** Splits YAML front matter from the body; bad YAML is kept as text with a warning, never fatal. */
function splitFrontMatter(text: string): { meta: Record<string, unknown>; body: string; warning: string | null } {
  const match = frontMatter.exec(text);
  if (!match) return { meta: {}, body: text, warning: null };
  try {
    const meta = parseYaml(match[1]!) as unknown;
    const body = text.slice(match[0].length);
    if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return { meta: {}, body, warning: null };
    return { meta: meta as Record<string, unknown>, body, warning: null };
  } catch (error) {
    return { meta: {}, body: text, warning: `front matter ignored: it is not valid YAML (${libraryMessage(error)})` };
  }
}

/** Parses a .md file. */
export const parseMarkdown: Parser = async (bytes) => {
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  if (looksBinary(bytes)) throw new ArchiveError('corrupt', 'this is not a Markdown file (it holds binary data)');
  const { text, encoding } = decodeText(bytes);
  const { meta, body, warning } = splitFrontMatter(cleanText(text));
  if (body.trim() === '' && !asString(meta.title)) throw new ArchiveError('empty', 'the file holds no text');
  const warnings = warning ? [warning] : [];
  const url = asUrl(meta);
  const html = await renderMarkdown(body, warnings, url);
  const source = asString(meta.source);
  return {
    ...emptyDocument(),
    title: asString(meta.title),
    text: body.trim(),
    html,
    authors: asAuthors(meta),
    publication: asString(meta.publication) ?? (source && !webUrl(source) ? source : null),
    url,
    publishedAt: isoDateKeepingOffset(asString(meta.date) ?? asString(meta.published)),
    lang: asString(meta.lang),
    encoding,
    tags: asTags(meta.tags),
    warnings,
  };
};

/**
 * Sanitised HTML of the Markdown, or null (with a warning) when marked cannot render it: it
 * recurses per nesting level, and a hostile file nested thousands deep overflows its stack.
 * The text is still imported and searchable.
 */
async function renderMarkdown(body: string, warnings: string[], baseUrl: string | null): Promise<string | null> {
  try {
    return sanitizeHtml(await marked.parse(body, { async: true, gfm: true }), baseUrl);
  } catch (error) {
    const why = error instanceof RangeError || /call stack/iu.test(libraryMessage(error)) ? 'it nests too deeply' : libraryMessage(error);
    warnings.push(`the Markdown could not be formatted (${why}): it is shown as plain text`);
    return null;
  }
}
