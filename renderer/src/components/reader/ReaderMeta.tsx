import type { ItemDetail } from '../../../../electron/shared/dto.js';
import { baseName, formatBytes, formatDate, formatDateTime, languageName } from '../../lib/format.js';

/** Source, dates, language and other facts about an item, as a definition list. */
export function ReaderMeta({ item }: { item: ItemDetail }) {
  const rows: Array<[string, string, string?]> = [];
  // Each name isolated (FSI … PDI), so an Arabic and an English name keep their order.
  if (item.authors.length > 0) rows.push(['By', item.authors.map((name) => `\u2068${name}\u2069`).join('; ')]);
  if (item.publication) rows.push(['Publication', item.publication]);
  if (item.url) rows.push(['URL', item.url]);
  if (item.publishedAt) rows.push(['Published', formatDate(item.publishedAt)]);
  const meta = item.sourceMeta;
  if (meta.from) rows.push(['From', meta.from]);
  if (meta.to?.length) rows.push(['To', meta.to.join(', ')]);
  if (meta.cc?.length) rows.push(['Cc', meta.cc.join(', ')]);
  if (meta.messageId) rows.push(['Message-ID', meta.messageId]);
  if (meta.publisher) rows.push(['Publisher', meta.publisher]);
  if (meta.identifier) rows.push(['Identifier', meta.identifier]);
  if (meta.subject) rows.push(['Subject', meta.subject]);
  if (meta.keywords?.length) rows.push(['Keywords', meta.keywords.join(', ')]);
  rows.push(['Imported', formatDateTime(item.importedAt)]);
  if (item.updatedAt && item.updatedAt !== item.importedAt && item.kind === 'note') rows.push(['Edited', formatDateTime(item.updatedAt)]);
  if (item.lang) rows.push(['Language', languageName(item.lang)]);
  if (item.source) {
    rows.push(['Source', baseName(item.source.path), item.source.path]);
    rows.push(['Format', `${item.source.format.toUpperCase()} · ${formatBytes(item.source.bytes)}${item.source.encoding ? ` · ${item.source.encoding}` : ''}`]);
  }
  if (item.pages !== null) rows.push(['Pages', String(item.pages)]);
  return (
    <dl className="reader-meta">
      {rows.map(([label, value, title]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd dir="auto" title={title}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
