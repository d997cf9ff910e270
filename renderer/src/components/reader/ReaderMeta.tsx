import type { ItemDetail } from '../../../../electron/shared/dto.js';
import { baseName, formatBytes, formatCount, formatDate, formatDateTime, languageName } from '../../lib/format.js';
import { useT } from '../../i18n/locale.js';

/** Source, dates, language and other facts about an item, as a definition list. */
export function ReaderMeta({ item }: { item: ItemDetail }) {
  const t = useT();
  const rows: Array<[string, string, string?]> = [];
  // Each name isolated (FSI … PDI), so an Arabic and an English name keep their order.
  if (item.authors.length > 0) rows.push([t('meta.by'), item.authors.map((name) => `\u2068${name}\u2069`).join('; ')]);
  if (item.publication) rows.push([t('meta.publication'), item.publication]);
  if (item.url) rows.push([t('meta.url'), item.url]);
  if (item.publishedAt) rows.push([t('meta.published'), formatDate(item.publishedAt)]);
  const meta = item.sourceMeta;
  if (meta.from) rows.push([t('meta.from'), meta.from]);
  if (meta.to?.length) rows.push([t('meta.to'), meta.to.join(', ')]);
  if (meta.cc?.length) rows.push([t('meta.cc'), meta.cc.join(', ')]);
  if (meta.messageId) rows.push([t('meta.messageId'), meta.messageId]);
  if (meta.publisher) rows.push([t('meta.publisher'), meta.publisher]);
  if (meta.identifier) rows.push([t('meta.identifier'), meta.identifier]);
  if (meta.subject) rows.push([t('meta.subject'), meta.subject]);
  if (meta.keywords?.length) rows.push([t('meta.keywords'), meta.keywords.join(', ')]);
  rows.push([t('meta.imported'), formatDateTime(item.importedAt)]);
  if (item.updatedAt && item.updatedAt !== item.importedAt && item.kind === 'note') rows.push([t('meta.edited'), formatDateTime(item.updatedAt)]);
  if (item.lang) rows.push([t('meta.language'), languageName(item.lang, t('lang.unknown'))]);
  if (item.source) {
    rows.push([t('meta.source'), baseName(item.source.path), item.source.path]);
    rows.push([t('meta.format'), `${item.source.format.toUpperCase()} · ${formatBytes(item.source.bytes)}${item.source.encoding ? ` · ${item.source.encoding}` : ''}`]);
  }
  if (item.pages !== null) rows.push([t('meta.pages'), formatCount(item.pages)]);
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
