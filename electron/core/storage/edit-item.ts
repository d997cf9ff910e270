// A person's corrections to an article's metadata (`khizana edit`, the reader's metadata panel).
import type { ParsedArgs } from '../../shared/contract.js';
import { editableFields, type EditableField, type ItemDetail } from '../../shared/dto.js';
import { ArchiveError } from '../../shared/errors.js';
import type { Db } from './database.js';
import { statement } from './statements.js';
import { writeTransaction } from './write-transaction.js';
import { getItemRow, itemDetail, reindexItem } from './items.js';
import { logItemChange } from './change-log.js';

/** The column each editable field is stored in. */
const columns: Record<EditableField, string> = {
  title: 'title',
  authors: 'authors',
  publication: 'publication',
  publishedAt: 'published_at',
  url: 'url',
  lang: 'lang',
};

/**
 * Sets the given fields of article `id` (validated by the contract), adds them to its `edited`
 * list, logs an 'update' and re-indexes its title, all in one transaction. Notes are refused:
 * their title is their first line and they have no source to cite.
 */
export function editItem(db: Db, args: ParsedArgs<'editItem'>, now = new Date().toISOString()): ItemDetail {
  return writeTransaction(db, () => {
    const row = getItemRow(db, args.id);
    if (row.kind === 'note') {
      throw new ArchiveError('invalid-argument', `item ${args.id} is a note: its title is its first line, so edit its text instead`);
    }
    if (row.deleted_at !== null) {
      throw new ArchiveError('invalid-argument', `item ${args.id} is in the trash; restore it first (khizana undelete ${args.id})`);
    }
    const changed = editableFields.filter((field) => args[field] !== undefined);
    const values: Record<string, unknown> = {};
    for (const field of changed) {
      const value = args[field];
      values[columns[field]] = field === 'authors' ? JSON.stringify(value) : value;
    }
    const edited = new Set(JSON.parse(row.edited) as EditableField[]);
    for (const field of changed) edited.add(field);
    // Column names come from the fixed table above, never from the caller.
    const sets = Object.keys(values).map((column) => `${column} = @${column}`);
    statement(db, `UPDATE items SET ${sets.join(', ')}, edited = @edited, updated_at = @now WHERE id = @id`).run({
      ...values,
      edited: JSON.stringify(editableFields.filter((f) => edited.has(f))),
      now,
      id: args.id,
    });
    logItemChange(db, args.id, 'update', now);
    if (args.title !== undefined) reindexItem(db, args.id);
    return itemDetail(db, args.id);
  });
}
