import type { ReactNode } from 'react';
import { useRich, useT } from '../../i18n/locale.js';
/** The reader before anything is open: what to do, and the query language at a glance. */
export function ReaderEmpty() {
  const t = useT();
  const rich = useRich();
  return (
    <div className="reader-empty">
      <h2>{t('reader.emptyTitle')}</h2>
      <p className="muted">{t('reader.emptyHint')}</p>
      <table className="syntax">
        <caption>{t('reader.syntax')}</caption>
        <tbody>
          <tr><td><code dir="auto">ادلب الفصائل</code></td><td>{rich('reader.syntax.both', { ar: (chunks: ReactNode[]) => <bdi lang="ar" dir="rtl">{chunks}</bdi> })}</td></tr>
          <tr><td><code dir="auto">"ولا تهنوا"</code></td><td>{t('reader.syntax.phrase')}</td></tr>
          <tr><td><code dir="auto">{t('reader.syntax.orExample')}</code></td><td>{t('reader.syntax.or')}</td></tr>
          <tr><td><code dir="auto">{t('reader.syntax.notExample')}</code></td><td>{t('reader.syntax.not')}</td></tr>
          <tr><td><code dir="auto">فصائ*</code></td><td>{t('reader.syntax.prefix')}</td></tr>
          <tr><td><code dir="auto">{t('reader.syntax.exactExample')}</code></td><td>{t('reader.syntax.exact')}</td></tr>
          <tr><td><code dir="auto">{t('reader.syntax.typoExample')}</code></td><td>{t('reader.syntax.typo')}</td></tr>
          <tr><td><code dir="ltr">{t('reader.syntax.fieldsExample')}</code></td><td>{rich('reader.syntax.fields', { code: (chunks: ReactNode[]) => <code>{chunks}</code> })}</td></tr>
        </tbody>
      </table>
    </div>
  );
}
