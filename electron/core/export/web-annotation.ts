// annotations.jsonl of an export: one W3C Web Annotation (JSON-LD) per line, readable by any tool
// that knows the model (https://www.w3.org/TR/annotation-model/), and read back on import.
//
//   {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:<uid>", "type": "Annotation",
//    "motivation": "highlighting" | "commenting", "created", "modified",
//    "body": [{"type": "TextualBody", "value": <comment>, "format": "text/markdown", "purpose": "commenting"}],
//    "target": {"source": "urn:uuid:<item uid>", "styleClass": <colour>,
//               "selector": [TextQuoteSelector {exact, prefix, suffix}, TextPositionSelector {start, end},
//                            FragmentSelector {conformsTo: RFC 3778, value: "page=N"} (PDFs)]},
//    "stylesheet": {"type": "CssStylesheet", "value": ".yellow { background-color: … }"}}
import { z } from 'zod';
import { annotationColors, type AnnotationColor } from '../../shared/dto.js';

export const annotationsFileName = 'annotations.jsonl';

/** Colours as CSS, for the stylesheet each exported annotation carries (the reader's shades). */
export const annotationCss: Record<AnnotationColor, string> = {
  yellow: '#fde68a', green: '#bbf7d0', blue: '#bfdbfe', pink: '#fbcfe8', purple: '#ddd6fe',
};

/** An annotation as the export writes it and import reads it back. */
export interface PortableAnnotation {
  uid: string;
  itemUid: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  page: number | null;
  color: AnnotationColor;
  comment: string;
  createdAt: string;
  updatedAt: string;
}

const urn = (uid: string) => `urn:uuid:${uid}`;
const pdfFragment = 'http://tools.ietf.org/rfc/rfc3778';

/** One line of annotations.jsonl. */
export function toWebAnnotation(a: PortableAnnotation): Record<string, unknown> {
  const selector: Array<Record<string, unknown>> = [
    { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
    { type: 'TextPositionSelector', start: a.start, end: a.end },
  ];
  if (a.page !== null) selector.push({ type: 'FragmentSelector', conformsTo: pdfFragment, value: `page=${a.page}` });
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: urn(a.uid),
    type: 'Annotation',
    motivation: a.comment.trim() === '' ? 'highlighting' : 'commenting',
    created: a.createdAt,
    modified: a.updatedAt,
    ...(a.comment.trim() === '' ? {} : { body: [{ type: 'TextualBody', value: a.comment, format: 'text/markdown', purpose: 'commenting' }] }),
    target: { source: urn(a.itemUid), styleClass: a.color, selector },
    stylesheet: { type: 'CssStylesheet', value: `.${a.color} { background-color: ${annotationCss[a.color]} }` },
  };
}

const uidOfUrn = z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/i).transform((s) => s.slice('urn:uuid:'.length).toLowerCase());
const webAnnotationSchema = z.object({
  id: uidOfUrn,
  type: z.literal('Annotation'),
  created: z.string(),
  modified: z.string().optional(),
  body: z.array(z.object({ type: z.literal('TextualBody'), value: z.string() }).passthrough()).optional(),
  target: z.object({
    source: uidOfUrn,
    styleClass: z.enum(annotationColors).optional(),
    selector: z.array(z.object({ type: z.string() }).passthrough()),
  }),
});

const quoteSelector = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: z.string().default(''), suffix: z.string().default('') });
const positionSelector = z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) });

/** A line of annotations.jsonl read back, or null when it is not an annotation Khizana can anchor. */
export function fromWebAnnotation(line: unknown): PortableAnnotation | null {
  const parsed = webAnnotationSchema.safeParse(line);
  if (!parsed.success) return null;
  const { id, created, modified, body, target } = parsed.data;
  const quote = target.selector.map((s) => quoteSelector.safeParse(s)).find((r) => r.success)?.data;
  if (!quote) return null;
  const position = target.selector.map((s) => positionSelector.safeParse(s)).find((r) => r.success)?.data;
  const page = target.selector.map((s) => (s as { value?: unknown }).value).find((v): v is string => typeof v === 'string' && /^page=\d+$/.test(v));
  return {
    uid: id, itemUid: target.source, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix,
    start: position?.start ?? 0, end: position?.end ?? 0, page: page ? Number(page.slice(5)) : null,
    color: target.styleClass ?? 'yellow', comment: (body ?? []).map((b) => b.value).join('\n\n'),
    createdAt: created, updatedAt: modified ?? created,
  };
}
