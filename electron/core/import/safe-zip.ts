// Reading zip-based documents (docx, odt, epub) from untrusted bytes (DESIGN §5, §6).
// The central directory is parsed and checked here, before anything is inflated: entry names
// (they are never used as paths, but a hostile name is a sign of a hostile file), entry count,
// declared sizes and compression ratios. Inflating then streams through fflate and stops as soon
// as an entry grows past the size its header declared, so lying headers cannot bypass the limits.
// Nothing is ever written to disk. The XML helpers at the end parse the XML parts inside.
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { ArchiveError } from '../../shared/errors.js';
import { libraryMessage } from './parse-helpers.js';
import type { ParseLimits } from './parsed-document.js';

/** Entries at least this big (declared, uncompressed) must not compress better than maxCompressionRatio. */
const ratioCheckMinBytes = 16 * 1024 * 1024;
/** Deflate can reach ~1032:1 on zeros; real XML and images stay far below 200:1 at this size. */
const maxCompressionRatio = 200;
/** Compressed bytes fed to the inflater per step: bounds the output produced before a size check (~1032x). */
const inflateStepBytes = 16 * 1024;

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else cannot be read. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Uncompressed size as declared by the header (enforced while inflating). */
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

/** An opened, checked zip: the directory, plus a running count of bytes actually inflated. */
export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  limits: ParseLimits;
  /** Bytes inflated so far across all reads of this archive (never above limits.maxUnzippedBytes). */
  inflatedBytes: number;
}

const sigEocd = 0x06054b50;
const sigZip64Eocd = 0x06064b50;
const sigZip64Locator = 0x07064b50;
const sigCentral = 0x02014b50;
const sigLocal = 0x04034b50;

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  // Sizes above 2^53 are nonsense for us anyway; they fail the limits.
  return u32(b, o) + u32(b, o + 4) * 0x1_0000_0000;
}

function corrupt(why: string): ArchiveError {
  return new ArchiveError('corrupt', why);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(raw: Uint8Array): string {
  // Bit 11 says UTF-8; many tools write UTF-8 without it, older ones CP437 (ASCII-compatible).
  try {
    return utf8.decode(raw);
  } catch {
    return latin1.decode(raw);
  }
}

/** Why `name` is not a safe relative path inside the archive, or null when it is. */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'an empty entry name';
  if (name.includes('\0')) return 'a NUL character in an entry name';
  if (name.includes('\\')) return 'a backslash in an entry name';
  if (name.startsWith('/')) return 'an absolute entry path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter in an entry name';
  if (name.split('/').includes('..')) return 'a ".." entry path (path traversal)';
  return null;
}

function findEocd(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (u32(bytes, i) === sigEocd) return i;
  }
  throw corrupt('not a zip archive, or truncated (no end-of-central-directory record)');
}

/** Parses and checks a zip's central directory without inflating anything; throws ArchiveError. */
export function openZip(bytes: Uint8Array, limits: ParseLimits): ZipArchive {
  if (bytes.length === 0) throw new ArchiveError('empty', 'the file is empty');
  if (bytes.length > limits.maxFileBytes) {
    throw new ArchiveError('too-large', `${bytes.length} bytes is over the ${limits.maxFileBytes}-byte file limit`);
  }
  const eocd = findEocd(bytes);
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw corrupt('multi-part zip archives are not supported');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== sigZip64Locator) throw corrupt('damaged zip64 directory');
    const z64 = u64(bytes, locator + 8);
    if (z64 + 56 > bytes.length || u32(bytes, z64) !== sigZip64Eocd) throw corrupt('damaged zip64 directory');
    count = u64(bytes, z64 + 32);
    cdSize = u64(bytes, z64 + 40);
    cdOffset = u64(bytes, z64 + 48);
  }
  // Refuse before reading a single directory record.
  if (count > limits.maxZipEntries) {
    throw new ArchiveError('too-large', `${count} zip entries is over the limit of ${limits.maxZipEntries}`);
  }
  if (cdOffset + cdSize > bytes.length || count * 46 > cdSize) throw corrupt('the zip directory is truncated or damaged');

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  // Writers without zip64 store the count modulo 65,536: keep reading while records follow.
  for (let i = 0; i < count || (p + 46 <= cdEnd && u32(bytes, p) === sigCentral); i++) {
    if (i >= limits.maxZipEntries) {
      throw new ArchiveError('too-large', `more zip entries than the limit of ${limits.maxZipEntries}`);
    }
    if (p + 46 > cdEnd || u32(bytes, p) !== sigCentral) throw corrupt('the zip directory is damaged');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) throw corrupt('the zip directory is damaged');
    const name = decodeName(bytes.subarray(p + 46, p + 46 + nameLen));
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // Zip64 extra field: only the fields whose 32-bit value is saturated are present, in this order.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          if (size === 0xffffffff) {
            size = u64(bytes, f);
            f += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, f);
            f += 8;
          }
          if (localOffset === 0xffffffff) localOffset = u64(bytes, f);
          break;
        }
        e += 4 + len;
      }
    }
    const unsafe = unsafeEntryName(name);
    if (unsafe) throw corrupt(`refused: ${unsafe} (${JSON.stringify(name.replace(/\0/g, '\\0'))})`);
    if (byName.has(name)) throw corrupt(`refused: two zip entries are both named ${JSON.stringify(name)}`);
    if (localOffset + 30 > bytes.length) throw corrupt(`zip entry ${JSON.stringify(name)} lies outside the file (truncated?)`);
    if (size >= ratioCheckMinBytes && size / Math.max(compressedSize, 1) > maxCompressionRatio) {
      const ratio = Math.round(size / Math.max(compressedSize, 1));
      throw new ArchiveError(
        'too-large',
        `refused: zip entry ${JSON.stringify(name)} claims ${size} bytes from ${compressedSize} (${ratio}:1, a likely zip bomb)`,
      );
    }
    declaredTotal += size;
    const entry: ZipEntry = { name, method, flags, crc, compressedSize, size, localOffset };
    entries.push(entry);
    byName.set(name, entry);
    p = next;
  }
  if (declaredTotal > limits.maxUnzippedBytes) {
    throw new ArchiveError(
      'too-large',
      `unzips to ${declaredTotal} bytes, over the ${limits.maxUnzippedBytes}-byte limit (a zip bomb or a very large document)`,
    );
  }
  return { bytes, entries, byName, limits, inflatedBytes: 0 };
}

function entryData(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  const { bytes } = zip;
  const o = entry.localOffset;
  if (u32(bytes, o) !== sigLocal) throw corrupt(`zip entry ${JSON.stringify(entry.name)} is damaged`);
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt(`zip entry ${JSON.stringify(entry.name)} is truncated`);
  return bytes.subarray(start, end);
}

/** Inflates one entry by name (null if absent), enforcing its declared size and the archive-wide limit. */
export function readZipEntry(zip: ZipArchive, name: string): Uint8Array | null {
  const entry = zip.byName.get(name);
  if (!entry) return null;
  const what = `zip entry ${JSON.stringify(name)}`;
  if (entry.flags & 1) throw new ArchiveError('encrypted', `${what} is password-protected`);
  if (name.endsWith('/')) return new Uint8Array(0);
  if (zip.inflatedBytes + entry.size > zip.limits.maxUnzippedBytes) {
    throw new ArchiveError('too-large', `unzipping goes over the ${zip.limits.maxUnzippedBytes}-byte limit`);
  }
  const data = entryData(zip, entry);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length !== entry.size) throw corrupt(`${what} is damaged (stored size mismatch)`);
    out = data.slice();
  } else if (entry.method === 8) {
    out = new Uint8Array(entry.size);
    let written = 0;
    const inflater = new Inflate((chunk) => {
      if (written + chunk.length > entry.size) {
        // The header lied: stop here rather than trust it any further.
        throw corrupt(`${what} inflates past the ${entry.size} bytes its header declares (a zip bomb or a damaged file)`);
      }
      out.set(chunk, written);
      written += chunk.length;
    });
    try {
      for (let i = 0; i < data.length; i += inflateStepBytes) {
        const end = Math.min(i + inflateStepBytes, data.length);
        inflater.push(data.subarray(i, end), end === data.length);
      }
      if (data.length === 0) inflater.push(data, true);
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      throw corrupt(`${what} cannot be inflated (${libraryMessage(error)})`);
    }
    if (written !== entry.size) throw corrupt(`${what} is damaged (${written} of ${entry.size} bytes)`);
  } else {
    throw new ArchiveError('unsupported', `${what} uses zip compression method ${entry.method}, which Khizana cannot read`);
  }
  if (crc32(out) !== entry.crc) throw corrupt(`${what} is damaged (checksum mismatch)`);
  zip.inflatedBytes += out.length;
  return out;
}

/** Opens a zip and inflates only the entries `filter` accepts; every check runs before any inflating. */
export function readZip(
  bytes: Uint8Array,
  limits: ParseLimits,
  filter: (entry: ZipEntry) => boolean,
): Map<string, Uint8Array> {
  const zip = openZip(bytes, limits);
  const files = new Map<string, Uint8Array>();
  for (const entry of zip.entries) {
    if (entry.name.endsWith('/') || !filter(entry)) continue;
    files.set(entry.name, readZipEntry(zip, entry.name) as Uint8Array);
  }
  return files;
}

/** Decodes an XML part: BOM first, then the encoding declaration, else UTF-8. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = latin1.decode(bytes.subarray(0, 200));
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // Unknown label: UTF-8 is the best guess.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** An XML element with namespace prefixes removed from tag and attribute names. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
/** An element or a text run. */
export type XmlNode = XmlElement | string;

type RawNode = Record<string, unknown>;

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references are only decoded with htmlEntities on; XHTML chapters use &nbsp; etc.
  htmlEntities: true,
  // DOCTYPE entities are size- and count-bounded by the parser and never expanded recursively.
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  stopNodes: ['*.script', '*.style'],
  maxNestedTags: 512,
});

function convert(raw: RawNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of raw) {
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const value = node[key];
      if (key === '#text') out.push(String(value));
      else if (key === '#cdata') out.push(...convert(value as RawNode[]).filter((c): c is string => typeof c === 'string'));
      else {
        const attrs = (node[':@'] ?? {}) as Record<string, string>;
        out.push({ name: key, attrs, children: Array.isArray(value) ? convert(value as RawNode[]) : [] });
      }
    }
  }
  return out;
}

/** Parses XML into a tree rooted at a synthetic '#document' element; throws ArchiveError('corrupt'). */
export function parseXml(xml: string, part: string): XmlElement {
  try {
    return { name: '#document', attrs: {}, children: convert(xmlParser.parse(xml) as RawNode[]) };
  } catch (error) {
    throw corrupt(`${part}: malformed XML (${libraryMessage(error)})`);
  }
}

/** Inflates, decodes and parses one XML entry by name; null if absent (every zip-based parser reads parts this way). */
export function readXmlEntry(zip: ZipArchive, name: string): XmlElement | null {
  const bytes = readZipEntry(zip, name);
  return bytes ? parseXml(decodeXml(bytes), name) : null;
}

/** Child elements of `el`, optionally only those with local name `name`. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** The first descendant element (depth-first, document order) named `name`, or null. */
export function findElement(el: XmlElement, name: string): XmlElement | null {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) return child;
    const found = findElement(child, name);
    if (found) return found;
  }
  return null;
}

/** All descendant elements named `name`, in document order. */
export function findElements(el: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) into.push(child);
    findElements(child, name, into);
  }
  return into;
}

/** Concatenated text of an element and its descendants. */
export function xmlText(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : xmlText(c))).join('');
}
