// The reader's "Edit details" panel (title, authors, publication, date, URL, language of an
// article) and its "Copy citation" control. Values are checked as you type with the same rules
// the archive applies (contract.ts), worded in the interface language, and the archive checks them again on save.
import { useId, useState, type FormEvent } from 'react';
import { citationFormats, citationStyles, langProblem, partialDateProblem, urlProblem, type CitationFormat, type CitationStyle, type MethodArgs } from '../../../../electron/shared/contract.js';
import type { ItemDetail } from '../../../../electron/shared/dto.js';
import { useArchive } from '../../hooks/archive-context.js';
import { writeClipboard } from '../../lib/clipboard.js';
import { Icon } from '../common/Icon.js';
import { useErrorText } from '../../lib/errors.js';
import { useT } from '../../i18n/locale.js';

interface MetadataEditorProps {
  item: ItemDetail;
  onError(error: unknown): void;
}

/** "Edit details" and "Copy citation" for an article; the form opens below the buttons. */
export function MetadataEditor({ item, onError }: MetadataEditorProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  if (item.kind !== 'article') return null;
  return (
    <div className="item-details">
      <div className="item-details-actions">
        <button type="button" className="button subtle" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          {t('details.edit')}
        </button>
        <CopyCitation item={item} onError={onError} />
      </div>
      {editing && <DetailsForm item={item} onClose={() => setEditing(false)} />}
    </div>
  );
}

interface Draft {
  title: string;
  authors: string[];
  publication: string;
  publishedAt: string;
  url: string;
  lang: string;
}

function draftOf(item: ItemDetail): Draft {
  return {
    title: item.title,
    authors: item.authors.length > 0 ? [...item.authors] : [''],
    publication: item.publication ?? '',
    publishedAt: item.publishedAt ?? '',
    url: item.url ?? '',
    lang: item.lang ?? '',
  };
}

type Translate = ReturnType<typeof useT>;

/** The problem with each field as typed (the archive's rules, the interface's words), or null. */
function problems(draft: Draft, t: Translate): Record<'title' | 'publishedAt' | 'url' | 'lang', string | null> {
  const publishedAt = draft.publishedAt.trim();
  const url = draft.url.trim();
  const lang = draft.lang.trim();
  return {
    title: draft.title.trim() === '' ? t('details.emptyTitle') : null,
    publishedAt: publishedAt ? dateProblem(publishedAt, t) : null,
    url: url && urlProblem(url) ? t(/^https?:\/\//i.test(url) ? 'details.badUrlHost' : 'details.badUrl', { value: url.slice(0, 200) }) : null,
    lang: lang && langProblem(lang) ? t('details.badLang', { value: lang.slice(0, 100) }) : null,
  };
}

/** Why `value` is not a date the archive accepts (partialDateProblem's cases), or null. */
function dateProblem(value: string, t: Translate): string | null {
  if (partialDateProblem(value) === null) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return t('details.badDate', { value });
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return t('details.badMonth', { value });
  return t('details.badDay', { value, day: m[3] ?? '' });
}

/** Only the fields that changed, so the archive records just those as edited. */
function changes(item: ItemDetail, draft: Draft): MethodArgs<'editItem'> {
  const args: MethodArgs<'editItem'> = { id: item.id };
  const text = (v: string) => v.trim();
  const authors = draft.authors.map(text).filter(Boolean);
  if (text(draft.title) !== item.title) args.title = text(draft.title);
  if (JSON.stringify(authors) !== JSON.stringify(item.authors)) args.authors = authors;
  if (text(draft.publication) !== (item.publication ?? '')) args.publication = text(draft.publication) || null;
  if (text(draft.publishedAt) !== (item.publishedAt ?? '')) args.publishedAt = text(draft.publishedAt) || null;
  if (text(draft.url) !== (item.url ?? '')) args.url = text(draft.url) || null;
  if (text(draft.lang) !== (item.lang ?? '')) args.lang = text(draft.lang) || null;
  return args;
}

function DetailsForm({ item, onClose }: { item: ItemDetail; onClose(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { api, dataChanged } = useArchive();
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const problem = problems(draft, t);
  const args = changes(item, draft);
  const unchanged = Object.keys(args).length === 1;
  const invalid = Object.values(problem).some((p) => p !== null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setAuthor = (index: number, value: string) => setDraft((d) => ({ ...d, authors: d.authors.map((a, i) => (i === index ? value : a)) }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (invalid || unchanged || saving) return;
    setSaving(true);
    setError(null);
    api.editItem(args).then(
      () => {
        dataChanged();
        onClose();
      },
      (e: unknown) => {
        setSaving(false);
        setError(errorText(e));
      },
    );
  };

  // The problem is outside the <label>, so it describes the field without changing its name.
  const field = (name: 'title' | 'publication' | 'publishedAt' | 'url' | 'lang', label: string, hint?: string) => (
    <div className="details-field">
      <label htmlFor={`${id}-${name}-input`}>{label}</label>
      <input
        id={`${id}-${name}-input`}
        dir="auto"
        value={draft[name]}
        placeholder={hint}
        aria-invalid={name !== 'publication' && problem[name] !== null ? true : undefined}
        aria-describedby={name !== 'publication' && problem[name] ? `${id}-${name}` : undefined}
        onChange={(e) => set({ [name]: e.target.value })}
      />
      {name !== 'publication' && problem[name] && (
        <small id={`${id}-${name}`} className="field-problem" dir="auto">{problem[name]}</small>
      )}
    </div>
  );

  return (
    <form className="details-form" aria-label={t('details.edit')} onSubmit={save}>
      {field('title', t('details.title'))}
      <fieldset className="details-field">
        <legend>{t('details.authors')}</legend>
        {draft.authors.map((author, index) => (
          <div className="author-row" key={index}>
            <input dir="auto" aria-label={t('details.author', { index: index + 1 })} value={author} placeholder={t('details.authorHint')} onChange={(e) => setAuthor(index, e.target.value)} />
            <button
              type="button"
              className="button subtle"
              aria-label={t('details.removeAuthor', { index: index + 1 })}
              onClick={() => setDraft((d) => ({ ...d, authors: d.authors.length > 1 ? d.authors.filter((_, i) => i !== index) : [''] }))}
            >
              <Icon name="close" />
            </button>
          </div>
        ))}
        <button type="button" className="button subtle" onClick={() => setDraft((d) => ({ ...d, authors: [...d.authors, ''] }))}>
          <Icon name="plus" /> {t('details.addAuthor')}
        </button>
      </fieldset>
      {field('publication', t('details.publication'))}
      {field('publishedAt', t('details.published'), t('details.publishedHint'))}
      {field('url', t('details.url'), 'https://…')}
      {field('lang', t('details.language'), 'ar, en, en-GB')}
      {error && <p className="field-problem" role="alert" dir="auto">{error}</p>}
      <div className="details-buttons">
        <button type="submit" className="button primary" disabled={invalid || unchanged || saving}>{saving ? t('details.saving') : t('details.save')}</button>
        <button type="button" className="button" onClick={onClose}>{t('details.cancel')}</button>
      </div>
    </form>
  );
}

const styleLabels: Record<CitationStyle, string> = { apa: 'APA', chicago: 'Chicago' };
const formatLabels: Record<Exclude<CitationFormat, 'csl-json'>, string> = { text: 'Text', bibtex: 'BibTeX', ris: 'RIS' };

/** Copies the item's citation in a chosen style and format; shows it, and says "Copied". */
function CopyCitation({ item, onError }: MetadataEditorProps) {
  const t = useT();
  const { api } = useArchive();
  const [style, setStyle] = useState<CitationStyle>('apa');
  const [format, setFormat] = useState<Exclude<CitationFormat, 'csl-json'>>('text');
  const [copied, setCopied] = useState<{ text: string; how: 'copied' | 'select' } | null>(null);

  const copy = () => {
    api.cite({ ids: [item.id], format, style }).then(async ({ text }) => {
      const citation = text.trim();
      setCopied({ text: citation, how: (await writeClipboard(citation)) ? 'copied' : 'select' });
    }, onError);
  };

  return (
    <div className="copy-citation">
      <select aria-label={t('citation.style')} value={style} onChange={(e) => { setStyle(e.target.value as CitationStyle); setCopied(null); }}>
        {citationStyles.map((s) => <option key={s} value={s}>{styleLabels[s]}</option>)}
      </select>
      <select aria-label={t('citation.format')} value={format} onChange={(e) => { setFormat(e.target.value as typeof format); setCopied(null); }}>
        {citationFormats.filter((f): f is typeof format => f !== 'csl-json').map((f) => <option key={f} value={f}>{f === 'text' ? t('citation.text') : formatLabels[f]}</option>)}
      </select>
      <button type="button" className="button subtle" onClick={copy}>{t('citation.copy')}</button>
      <span className="copy-status" role="status">{copied?.how === 'copied' ? t('citation.copied') : copied ? t('citation.selectToCopy') : ''}</span>
      {copied && (
        // The citation reads left to right (English terms, BibTeX, RIS); each Arabic title or name in it is isolated, so the
        // quotes and commas around it stay where they belong instead of joining the Arabic run.
        <p className={`citation-preview ${format}`} aria-label={t('citation.label')} dir="ltr">
          {isolateRtl(copied.text, [item.title, item.publication ?? '', ...item.authors]).map((part, i) =>
            part.rtl ? <bdi key={i} dir="rtl">{part.text}</bdi> : <span key={i}>{part.text}</span>,
          )}
        </p>
      )}
    </div>
  );
}

const rtlLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/** `text` cut into parts, each right-to-left value (an Arabic title, name, publication) a part of its own. */
function isolateRtl(text: string, values: string[]): Array<{ text: string; rtl: boolean }> {
  const rtl = [...new Set(values.map((v) => v.trim()).filter((v) => rtlLetter.test(v)))].sort((a, b) => b.length - a.length);
  const parts: Array<{ text: string; rtl: boolean }> = [];
  let at = 0;
  for (;;) {
    let next: { index: number; value: string } | null = null;
    for (const value of rtl) {
      const index = text.indexOf(value, at);
      if (index >= 0 && (next === null || index < next.index)) next = { index, value };
    }
    if (next === null) break;
    if (next.index > at) parts.push({ text: text.slice(at, next.index), rtl: false });
    parts.push({ text: next.value, rtl: true });
    at = next.index + next.value.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), rtl: false });
  return parts;
}
