// khizana search <query> [--limit N] [--offset N] [--sort …] [--json]
import type { ArchiveSession } from '../../core/archive.js';
import { sortOrders, type SortOrder } from '../../shared/contract.js';
import { noticeText } from '../../shared/search-notices.js';
import { parseCommandArgs, parseCount } from '../args.js';
import { commandHelp } from '../usage.js';
import { dim, emphasise, printJson, UsageError, useColor } from '../output.js';

/** Runs the search command; returns the exit status. */
export async function searchCommand(session: ArchiveSession, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    limit: { type: 'string' },
    offset: { type: 'string' },
    sort: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(commandHelp.search);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('search needs a query (quote it: khizana search \'"a phrase"\')');
  const limit = parseCount(values.limit, 'limit', 20);
  if (limit < 1 || limit > 1000) throw new UsageError('--limit must be between 1 and 1000');
  const sort = values.sort ?? 'relevance';
  if (!(sortOrders as readonly string[]).includes(sort)) throw new UsageError(`--sort must be one of ${sortOrders.join(', ')}`);
  const result = await session.api.search({
    query: positionals.join(' '),
    limit,
    offset: parseCount(values.offset, 'offset', 0),
    sort: sort as SortOrder,
  });
  if (values.json) {
    printJson({
      total: result.total,
      hits: result.hits.map((h) => ({ id: h.id, kind: h.kind, title: h.title, snippet: h.snippet, highlights: h.highlights, score: h.score, tags: h.tags, page: h.page, ...(h.annotation ? { annotation: h.annotation } : {}) })),
      ...(result.didYouMean ? { didYouMean: result.didYouMean } : {}),
      ...(result.notices ? { notices: result.notices } : {}),
    });
    return 0;
  }
  const color = useColor();
  const notices = (result.notices ?? []).map((n) => dim(noticeText(n), color));
  if (result.total === 0) {
    console.log(result.didYouMean ? `No results. Did you mean: ${result.didYouMean}` : 'No results.');
    for (const line of notices) console.log(line);
    return 0;
  }
  for (const hit of result.hits) {
    const tags = hit.tags.length ? `  [${hit.tags.join(', ')}]` : '';
    const page = hit.page ? ` p. ${hit.page}` : '';
    const inAnnotation = hit.annotation ? ', in an annotation' : '';
    console.log(`#${hit.id}  ${emphasise(hit.title, hit.titleHighlights, color)}${dim(`${tags}  (${hit.kind}${page}${inAnnotation})`, color)}`);
    console.log(`    ${emphasise(hit.snippet, hit.highlights, color)}`);
  }
  const shown = result.hits.length;
  console.log(dim(`${result.total} result${result.total === 1 ? '' : 's'}${shown < result.total ? `, showing ${shown}` : ''}`, color));
  for (const line of notices) console.log(line);
  return 0;
}
