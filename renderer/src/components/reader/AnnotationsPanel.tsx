// The open article's annotations, in reading order (orphans in their own group): a click scrolls
// the text to one; each can be recoloured, its comment edited, deleted (with Undo) or quoted in a note.
import { useLayoutEffect, useRef, useState } from 'react';
import { annotationColors, type AnnotationColor, type AnnotationInfo } from '../../../../electron/shared/dto.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface AnnotationsPanelProps {
  list: AnnotationInfo[];
  /** The article's language: the quotes are in it. */
  lang: string | null;
  active: string | null;
  onOpen(uid: string): void;
  onUpdate(uid: string, change: { comment?: string; color?: AnnotationColor }): void;
  onDelete(annotation: AnnotationInfo): void;
  onQuote(annotation: AnnotationInfo): void;
}

function Comment({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.replaceChildren(renderMarkdown(text));
  }, [text]);
  return <div ref={ref} className="annotation-comment markdown" dir="auto" onClick={(e) => (e.target as Element).closest('a') && e.preventDefault()} />;
}

function Entry({ a, active, lang, onOpen, onUpdate, onDelete, onQuote }: Omit<AnnotationsPanelProps, 'list' | 'active'> & { a: AnnotationInfo; active: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(a.comment);
  const ref = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <li ref={ref} className={`annotation-entry${active ? ' active' : ''}`} data-annotation={a.uid}>
      <button type="button" className={`annotation-quote color-${a.color}`} disabled={a.orphaned} onClick={() => onOpen(a.uid)} title={a.orphaned ? t('annot.orphanedTitle') : t('annot.show')}>
        {a.page !== null && <span className="annotation-page" dir="ltr">{t('row.page', { page: a.page })}</span>}
        <bdi dir="auto" lang={lang ?? undefined}>{a.exact}</bdi>
      </button>
      {editing ? (
        <form
          className="annotation-comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            onUpdate(a.uid, { comment: draft });
            setEditing(false);
          }}
        >
          <textarea aria-label={t('annot.commentLabel')} dir="auto" rows={3} autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} />
          <div className="annotation-form-actions">
            <button type="button" className="button subtle" onClick={() => { setDraft(a.comment); setEditing(false); }}>{t('details.cancel')}</button>
            <button type="submit" className="button primary">{t('details.save')}</button>
          </div>
        </form>
      ) : (
        a.comment !== '' && <Comment text={a.comment} />
      )}
      <div className="annotation-actions">
        <span className="annotation-colors" role="group" aria-label={t('annot.colour')}>
          {annotationColors.map((c) => (
            <button key={c} type="button" className={`swatch small swatch-${c}`} aria-label={t('annot.colourName', { color: c })} aria-pressed={a.color === c} onClick={() => a.color !== c && onUpdate(a.uid, { color: c })} />
          ))}
        </span>
        <span className="toolbar-spacer" />
        {!editing && <button type="button" className="button subtle" onClick={() => setEditing(true)}>{a.comment ? t('annot.editComment') : t('annot.comment')}</button>}
        <button type="button" className="button subtle" onClick={() => onQuote(a)}>{t('annot.quote')}</button>
        <button type="button" className="icon-button" aria-label={t('annot.delete')} title={t('annot.delete')} onClick={() => onDelete(a)}>
          <Icon name="trash" size={14} />
        </button>
      </div>
    </li>
  );
}

/** The annotations panel, docked under the article; collapsible. */
export function AnnotationsPanel(props: AnnotationsPanelProps) {
  const { list, active, lang, ...actions } = props;
  const t = useT();
  const [open, setOpen] = useState(true);
  const placed = list.filter((a) => !a.orphaned);
  const orphans = list.filter((a) => a.orphaned);
  if (list.length === 0) return null;
  return (
    <section className={`annotations-panel${open ? ' open' : ''}`} aria-label={t('annot.panel')}>
      <header className="notes-header">
        <button type="button" className="notes-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name="star" /> {t('annot.panel')} <span className="count">{t('common.number', { n: list.length })}</span>
        </button>
      </header>
      {open && (
        <div className="annotations-scroll">
          <ol className="annotation-list">
            {placed.map((a) => <Entry key={a.uid} a={a} active={a.uid === active} lang={lang} {...actions} />)}
          </ol>
          {orphans.length > 0 && (
            <>
              <h3 className="annotation-group">{t('annot.orphaned')}</h3>
              <ol className="annotation-list orphans">
                {orphans.map((a) => <Entry key={a.uid} a={a} active={a.uid === active} lang={lang} {...actions} />)}
              </ol>
            </>
          )}
        </div>
      )}
    </section>
  );
}
