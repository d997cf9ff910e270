// Quoted-printable (RFC 2045 §6.7) as mail clients and browsers write it, for test messages and
// saved pages: =XX for '=' and bytes outside printable ASCII, soft line breaks under 76 characters.

/** `bytes` as quoted-printable; a line break in them (LF or CRLF) is a hard line break (CRLF). */
export function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  bytes.forEach((byte, i) => {
    if (byte === 0x0d && bytes[i + 1] === 0x0a) return; // the CR of a CRLF
    if (byte === 0x0a) {
      lines.push(line);
      line = '';
      return;
    }
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x3d;
    const piece = printable ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + piece.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += piece;
  });
  lines.push(line);
  return lines.join('\r\n');
}
