// Plain text as paragraphs, keeping each one's offset so highlight spans still apply.
import { reflowText } from '../../../../electron/shared/reflow.js';

export interface Paragraph {
  start: number;
  text: string;
}

/**
 * One paragraph per non-blank line once hard wraps are joined (wire copy, PDF lines: see
 * electron/shared/reflow.ts). A joined wrap keeps its one character, so offsets stay the text's.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  const flowed = reflowText(text);
  for (let m = re.exec(flowed); m; m = re.exec(flowed)) {
    if (m[0].trim() !== '') out.push({ start: m.index, text: m[0] });
  }
  return out;
}
