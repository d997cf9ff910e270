// Where the "p. 7" markers go in a PDF's text: before the paragraph each page starts in.

/**
 * For each paragraph (by its start offset, in order), the pages whose start falls after the
 * previous paragraph's start and at or before its own; `after` holds pages starting after the
 * last paragraph (empty last pages). A page starting inside a paragraph (text reflowed across a
 * page break) is marked before the next one.
 */
export function pageMarkerPlaces(paragraphStarts: readonly number[], pageStarts: readonly number[]): { before: number[][]; after: number[] } {
  const before = paragraphStarts.map((): number[] => []);
  const after: number[] = [];
  let p = 0;
  pageStarts.forEach((start, index) => {
    while (p < paragraphStarts.length && paragraphStarts[p]! < start) p++;
    if (p < paragraphStarts.length) before[p]!.push(index + 1);
    else after.push(index + 1);
  });
  return { before, after };
}
