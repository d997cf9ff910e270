// Folds every Unicode decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari …) to ASCII 0-9.

let zeroPoints: number[] | null = null; // code points of every Nd digit zero, built on first need

function buildZeroPoints(): number[] {
  const zeros: number[] = [];
  const isDigit = /\p{Nd}/u;
  for (let cp = 0x80; cp <= 0x1fbff; cp++) {
    if (isDigit.test(String.fromCodePoint(cp)) && !isDigit.test(String.fromCodePoint(cp - 1))) zeros.push(cp);
  }
  return zeros;
}

function digitValue(cp: number): number {
  if (cp >= 0x660 && cp <= 0x669) return cp - 0x660; // the common cases without the table
  if (cp >= 0x6f0 && cp <= 0x6f9) return cp - 0x6f0;
  zeroPoints ??= buildZeroPoints();
  let zero = 0;
  for (const z of zeroPoints) {
    if (z > cp) break;
    zero = z;
  }
  return (cp - zero) % 10;
}

const nonAsciiDigit = /(?![0-9])\p{Nd}/gu;

/** Replaces each non-ASCII decimal digit with its ASCII digit. */
export function foldDigits(text: string): string {
  return text.replace(nonAsciiDigit, (d) => String(digitValue(d.codePointAt(0) ?? 0)));
}
