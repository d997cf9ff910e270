// Word writes a drop cap as its own framed paragraph (w:framePr w:dropCap) holding the first
// letter(s) of the next paragraph's first word: "T" + "he war began" must read "The war began".

/** A paragraph start tag (not w:pPr, w:pStyle …). */
const paragraphStart = /<w:p[\s>]/g;
const dropCapFrame = /<w:framePr\b[^>]*\bw:dropCap="(?:drop|margin)"/;

/**
 * document.xml with each drop-cap paragraph's runs moved to the start of the paragraph after it
 * (and the frame paragraph removed); unchanged when there is none or the markup is unexpected.
 */
export function joinDropCaps(xml: string): string {
  if (!xml.includes('w:dropCap')) return xml;
  let out = xml;
  // Each pass joins one drop cap; a document has a handful at most, so bound the passes.
  for (let pass = 0, from = 0; pass < 1000; pass++) {
    const found = dropCapFrame.exec(out.slice(from));
    if (!found) break;
    const at = from + found.index;
    const joined = joinOne(out, at);
    if (joined === null) from = at + found[0].length;
    else out = joined;
  }
  return out;
}

/** The XML with the drop cap whose w:framePr starts at `at` joined, or null when it cannot be done safely. */
function joinOne(xml: string, at: number): string | null {
  const start = lastParagraphStart(xml, at);
  const pPrEnd = xml.indexOf('</w:pPr>', at);
  const end = xml.indexOf('</w:p>', at);
  if (start === -1 || pPrEnd === -1 || end === -1 || pPrEnd > end) return null;
  if (nextParagraphStart(xml, start + 1) < end) return null; // a nested paragraph (text box): leave it
  const runs = xml.slice(pPrEnd + '</w:pPr>'.length, end);
  const afterEnd = end + '</w:p>'.length;
  const next = nextParagraphStart(xml, afterEnd);
  // Only bookmarks and the like may sit between the two paragraphs, never a table or section.
  if (next === -1 || /<w:(?:tbl|sectPr|sdt)\b/.test(xml.slice(afterEnd, next))) return null;
  const openEnd = xml.indexOf('>', next) + 1;
  if (xml[openEnd - 2] === '/') return null; // <w:p/>: nothing to join to
  let insertAt = openEnd;
  if (xml.startsWith('<w:pPr/>', openEnd)) insertAt = openEnd + '<w:pPr/>'.length;
  else if (xml.startsWith('<w:pPr', openEnd)) insertAt = xml.indexOf('</w:pPr>', openEnd) + '</w:pPr>'.length;
  if (insertAt < openEnd) return null;
  return xml.slice(0, start) + xml.slice(afterEnd, insertAt) + runs + xml.slice(insertAt);
}

function lastParagraphStart(xml: string, before: number): number {
  let last = -1;
  paragraphStart.lastIndex = Math.max(0, before - 20_000); // a drop-cap paragraph is small
  for (let m = paragraphStart.exec(xml); m && m.index < before; m = paragraphStart.exec(xml)) last = m.index;
  return last;
}

function nextParagraphStart(xml: string, from: number): number {
  paragraphStart.lastIndex = from;
  return paragraphStart.exec(xml)?.index ?? -1;
}
