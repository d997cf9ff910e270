// Plain text as paragraphs, keeping each one's offset so highlight spans still apply.

export interface Paragraph {
  start: number;
  text: string;
}

/** One paragraph per non-blank line. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim() !== '') out.push({ start: m.index, text: m[0] });
  }
  return out;
}
