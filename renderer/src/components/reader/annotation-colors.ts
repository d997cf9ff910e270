// The annotation palette as the reader shows it (the same shades as the export's stylesheet).
import type { AnnotationColor } from '../../../../electron/shared/dto.js';

export const colorLabels: Record<AnnotationColor, string> = {
  yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink', purple: 'Purple',
};

/** The Markdown a "Quote in note" inserts: the passage as a blockquote, and a link back to the annotation. */
export function quoteMarkdown(exact: string, uid: string, page: number | null): string {
  const lines = exact.trim().split(/\r?\n/u).map((line) => `> ${line}`.trimEnd());
  return `${lines.join('\n')}\n>\n> — [${page === null ? 'annotation' : `p. ${page}`}](khizana:annotation/${uid})\n`;
}
