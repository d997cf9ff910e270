// Stable ids (DESIGN §2): exports, backups, links and annotations refer to uids, never rowids.
import { randomBytes } from 'node:crypto';

/** The uid of an imported file: derived from its original's sha256, so two people importing one file offline get one uid. */
export function uidFromSha256(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  // A version-8 (custom) UUID carrying the first 122 bits of the hash.
  const hex = sha256.slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return formatUuid(hex.join(''));
}

/** A new uid for what is written here (notes): a version-7 UUID, time-ordered, 74 random bits. */
export function newUid(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return formatUuid(bytes.toString('hex'));
}

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
