// The bytes of a small PDF written by hand (tests and the mixed-formats bench build their PDFs so):
// numbered objects, a cross-reference table with their offsets, and a trailer.

/**
 * A PDF of `objects` (object k + 1 is objects[k]: text is written as Latin-1, bytes as they are)
 * whose trailer holds `/Size` and `trailer` (e.g. '/Root 1 0 R /Info 6 0 R').
 */
export function pdfFile(objects: Array<string | Uint8Array>, trailer: string, header = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n'): Uint8Array {
  const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
  const parts: Buffer[] = [latin1(header)];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([latin1(`${i + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(latin1(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
