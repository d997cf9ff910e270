// Several small uploaded files in one request (`POST /api/upload/files`): a request costs the
// browser and `khizana serve` ~1 ms of CPU each beyond its bytes (300 small files, one request
// each: ~0.4 s in each process on 2 cores), so small files travel in packs. The body is a 4-byte
// big-endian length, that many bytes of ASCII JSON (the files' URI-encoded names and sizes, in
// order), then the files' bytes one after the other.
import { ArchiveError } from './errors.js';

/** Most files in one pack. */
export const packFiles = 32;
/** Most bytes of files in one pack; a larger file is sent alone (`POST /api/upload/file`). */
export const packBytes = 1024 * 1024;
/** Most bytes of a pack's list of names and sizes: room for 32 long, URI-encoded Arabic paths. */
const maxManifestBytes = 1024 * 1024;

/** One file of a pack: the name it is uploaded under and its size in bytes. */
export interface PackEntry {
  name: string;
  size: number;
}

/** `files` (in order) cut into runs to send together: consecutive small files up to packFiles and packBytes; a large file alone. */
export function uploadPacks<T extends { size: number }>(files: T[]): T[][] {
  const packs: T[][] = [];
  let pack: T[] = [];
  let bytes = 0;
  for (const file of files) {
    if (pack.length > 0 && (pack.length >= packFiles || bytes + file.size > packBytes)) {
      packs.push(pack);
      pack = [];
      bytes = 0;
    }
    pack.push(file);
    bytes += file.size;
  }
  if (pack.length > 0) packs.push(pack);
  return packs;
}

/**
 * What a pack's body starts with (its files' bytes follow, in the same order): the 4-byte length of
 * its list, then the list as JSON, names URI-encoded so that it is ASCII (one byte a character).
 */
export function packHead(entries: PackEntry[]): Uint8Array<ArrayBuffer> {
  const list = JSON.stringify(entries.map(({ name, size }) => ({ name: encodeURIComponent(name), size })));
  const head = new Uint8Array(4 + list.length);
  new DataView(head.buffer).setUint32(0, list.length);
  for (let k = 0; k < list.length; k++) head[4 + k] = list.charCodeAt(k);
  return head;
}

/** The files of a pack's body, each with its bytes (views into `body`); throws invalid-argument for a body that is not a pack. */
export function unpackBody(body: Uint8Array): Array<PackEntry & { bytes: Uint8Array }> {
  const bad = (why: string): ArchiveError => new ArchiveError('invalid-argument', `not a pack of uploaded files: ${why}`);
  if (body.length < 4) throw bad('it is too short');
  const listBytes = new DataView(body.buffer, body.byteOffset, 4).getUint32(0);
  if (listBytes > maxManifestBytes || 4 + listBytes > body.length) throw bad('its list of files is cut off');
  let entries: unknown;
  try {
    let list = '';
    for (let k = 4; k < 4 + listBytes; k++) list += String.fromCharCode(body[k]!);
    entries = JSON.parse(list);
  } catch {
    throw bad('its list of files is not JSON');
  }
  const valid = (entry: unknown): entry is PackEntry =>
    typeof entry === 'object' && entry !== null && typeof (entry as PackEntry).name === 'string' && Number.isSafeInteger((entry as PackEntry).size) && (entry as PackEntry).size >= 0;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > packFiles || !entries.every(valid)) {
    throw bad(`its list must name 1 to ${packFiles} files, each with its size`);
  }
  let offset = 4 + listBytes;
  const out = entries.map(({ name, size }) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      throw bad('a name in its list is not URI-encoded');
    }
    const bytes = body.subarray(offset, offset + size);
    offset += size;
    return { name: decoded, size, bytes };
  });
  if (offset !== body.length) throw bad('the sizes of its files do not add up to its length');
  return out;
}
