// The `cite` method: items by id, as CSL-JSON, BibTeX, RIS or a bibliography in a style.
import type { ParsedArgs } from '../../shared/contract.js';
import type { Citation } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import type { Db } from '../storage/database.js';
import { itemDetail } from '../storage/items.js';
import { toCslItem } from './csl-item.js';
import { formatCitations } from './format-citations.js';

/** Citations of the articles `ids` (each once, in the order given); a note is refused (it has no source). */
export async function citeItems(db: Db, { ids, format, style, locale }: ParsedArgs<'cite'>): Promise<Citation> {
  const unique = [...new Set(ids)];
  const items = unique.map((id) => {
    const item = itemDetail(db, id);
    if (item.kind === 'note') throw new ArchiveError('invalid-argument', `item ${id} is a note, not a source: cite the article it is on`);
    return toCslItem(item);
  });
  return { text: await formatCitations(items, format, style, locale), count: items.length };
}
