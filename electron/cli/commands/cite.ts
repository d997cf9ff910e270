// khizana edit (correct an article's details) / khizana cite (citations of items or of a search)
import type { ArchiveSession } from '../../core/archive.js';
import { citationFormats, citationLocales, citationStyles, type MethodArgs } from '../../shared/contract.js';
import { parseCommandArgs, parseId } from '../args.js';
import { printJson, UsageError } from '../output.js';
import { commandHelp } from '../usage.js';

/** khizana edit <id> [--title T] [--author A]... [--date D] [--url U] [--publication P] [--lang L] [--json] */
export async function editCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    title: { type: 'string' },
    author: { type: 'string', multiple: true },
    date: { type: 'string' },
    url: { type: 'string' },
    publication: { type: 'string' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(commandHelp.edit);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('usage: khizana edit <id> [--title T] [--author A]... [--date D] [--url U] [--publication P] [--lang L]');
  const args: MethodArgs<'editItem'> = { id: parseId(positionals[0]) };
  if (values.title !== undefined) args.title = values.title;
  // `--author ''` alone clears the list.
  if (values.author !== undefined) args.authors = values.author.filter((a) => a.trim() !== '');
  if (values.date !== undefined) args.publishedAt = values.date;
  if (values.url !== undefined) args.url = values.url;
  if (values.publication !== undefined) args.publication = values.publication;
  if (values.lang !== undefined) args.lang = values.lang;
  if (Object.keys(args).length === 1) throw new UsageError('nothing to change: give --title, --author, --date, --url, --publication or --lang');
  const item = await session.api.editItem(args);
  if (values.json) {
    printJson({ id: item.id, title: item.title, authors: item.authors, publication: item.publication, publishedAt: item.publishedAt, url: item.url, lang: item.lang, edited: item.edited });
    return 0;
  }
  console.log(`#${item.id}  ${item.title}`);
  const facts = [
    item.authors.length > 0 ? item.authors.join('; ') : null,
    item.publication,
    item.publishedAt ? `published ${item.publishedAt}` : 'no publication date',
    item.lang ? `lang ${item.lang}` : null,
    item.url,
  ].filter(Boolean);
  console.log(facts.join(' · '));
  return 0;
}

/** The articles a search finds (all pages, at most `limit`); notes are not sources and are left out. */
async function searchIds(session: ArchiveSession, query: string, limit: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ids.length < limit; offset += 1000) {
    const { hits, total } = await session.api.search({ query, limit: 1000, offset, sort: 'relevance' });
    for (const hit of hits) if (hit.kind === 'article' && ids.length < limit) ids.push(hit.id);
    if (offset + 1000 >= total || hits.length === 0) break;
  }
  return ids;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} is one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** khizana cite <id...> | --query Q [--format csl-json|bibtex|ris|text] [--style apa|chicago] [--locale en-US|ar] */
export async function citeCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    query: { type: 'string' },
    format: { type: 'string' },
    style: { type: 'string' },
    locale: { type: 'string' },
  });
  if (values.help) {
    console.log(commandHelp.cite);
    return 0;
  }
  const format = oneOf(values.format, citationFormats, 'format') ?? 'text';
  const style = oneOf(values.style, citationStyles, 'style') ?? 'apa';
  const locale = oneOf(values.locale, citationLocales, 'locale') ?? 'en-US';
  if (values.query !== undefined && positionals.length > 0) throw new UsageError('give item ids or --query, not both');
  if (values.query === undefined && positionals.length === 0) throw new UsageError('usage: khizana cite <id...> | --query Q [--format csl-json|bibtex|ris|text] [--style apa|chicago]');
  const ids = values.query !== undefined ? await searchIds(session, values.query, 10_000) : positionals.map((p) => parseId(p));
  if (ids.length === 0) {
    if (format === 'csl-json') process.stdout.write('[]\n');
    process.stderr.write(`khizana: no articles found for ${JSON.stringify(values.query)}\n`);
    return 1;
  }
  const { text } = await session.api.cite({ ids, format, style, locale });
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
