import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArchiveError } from '../../../electron/shared/errors.js';
import { defaultParseLimits, type ParseLimits } from '../../../electron/core/import/parsed-document.js';
import {
  openZip,
  parseXml,
  readZip,
  readZipEntry,
  unsafeEntryName,
  xmlText,
  findElement,
} from '../../../electron/core/import/safe-zip.js';

const MiB = 1024 * 1024;

function limits(overrides: Partial<ParseLimits> = {}): ParseLimits {
  return { ...defaultParseLimits, ...overrides };
}

function errorOf(fn: () => unknown): ArchiveError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ArchiveError);
    return error as ArchiveError;
  }
  throw new Error('expected an ArchiveError, got none');
}

/** Offset of the central-directory record for `name` (tests patch header fields there). */
function centralRecord(zip: Uint8Array, name: string): number {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const needle = Buffer.concat([Buffer.from(name)]);
  for (let at = view.indexOf(needle); at !== -1; at = view.indexOf(needle, at + 1)) {
    const record = at - 46;
    if (record >= 0 && view.readUInt32LE(record) === 0x02014b50) return record;
  }
  throw new Error(`no central record for ${name}`);
}

/** Sets a 32-bit field in both the central record and the local header of `name`. */
function patchSize(zip: Uint8Array, name: string, field: 'compressed' | 'uncompressed', value: number): Uint8Array {
  const out = zip.slice();
  const view = Buffer.from(out.buffer);
  const central = centralRecord(out, name);
  view.writeUInt32LE(value, central + (field === 'compressed' ? 20 : 24));
  const local = view.readUInt32LE(central + 42);
  view.writeUInt32LE(value, local + (field === 'compressed' ? 18 : 22));
  return out;
}

/**
 * A zip holding one deflated entry of `gib` GiB of zeros, built without ever allocating it:
 * a raw deflate chunk ended with a full flush is byte-aligned and history-free, so repeating it
 * and closing with an empty final block is a valid stream (~1 MB per GiB). The CRC is left 0:
 * these archives must be refused long before any checksum is looked at.
 */
function zerosBomb(gib: number, declaredSize?: number): Uint8Array {
  const chunkSize = 4 * MiB;
  const piece = zlib.deflateRawSync(new Uint8Array(chunkSize), { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 });
  const repeats = (gib * 1024 * MiB) / chunkSize;
  const tail = zlib.deflateRawSync(new Uint8Array(0));
  const crc = 0;
  const size = gib * 1024 * MiB;
  const compressedSize = piece.length * repeats + tail.length;
  const name = Buffer.from('zeros.bin');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressedSize, 18);
  local.writeUInt32LE(declaredSize ?? size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressedSize, 20);
  central.writeUInt32LE(declaredSize ?? size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dataStart = local.length + name.length;
  const cdOffset = dataStart + compressedSize;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, ...Array<Buffer>(repeats).fill(piece), tail, central, name, eocd]));
}

/**
 * A stored zip of `count` empty entries f0.txt, f1.txt…, written directly (fflate's zipSync takes
 * seconds for 100,000 entries). Like fflate and many writers it has no zip64 record, so the
 * directory count is stored modulo 65,536.
 */
function emptyEntriesZip(count: number): Uint8Array {
  const names = Array.from({ length: count }, (_, i) => Buffer.from(`f${i}.txt`));
  const namesLength = names.reduce((sum, n) => sum + n.length, 0);
  const cdSize = 46 * count + namesLength;
  const out = Buffer.alloc(30 * count + namesLength + cdSize + 22);
  let at = 0;
  const offsets: number[] = [];
  for (const name of names) {
    offsets.push(at);
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(20, at + 4); // version needed; method 0 (stored), CRC and sizes 0: empty
    out.writeUInt16LE(name.length, at + 26);
    name.copy(out, at + 30);
    at += 30 + name.length;
  }
  const cdOffset = at;
  names.forEach((name, i) => {
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(name.length, at + 28);
    out.writeUInt32LE(offsets[i]!, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  });
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(count % 65_536, at + 8);
  out.writeUInt16LE(count % 65_536, at + 10);
  out.writeUInt32LE(cdSize, at + 12);
  out.writeUInt32LE(cdOffset, at + 16);
  return new Uint8Array(out);
}

describe('openZip / readZip', () => {
  const sample = zipSync({
    'a.txt': strToU8('alpha'),
    'dir/b.xml': strToU8('<b>beta</b>'),
    'dir/c.bin': new Uint8Array(50_000).fill(7),
    'stored.txt': [strToU8('stored as is'), { level: 0 }],
  });

  it('lists entries and inflates only the ones asked for', () => {
    const files = readZip(sample, limits(), (e) => e.name.endsWith('.txt') || e.name.endsWith('.xml'));
    expect([...files.keys()].sort()).toEqual(['a.txt', 'dir/b.xml', 'stored.txt']);
    expect(new TextDecoder().decode(files.get('dir/b.xml'))).toBe('<b>beta</b>');
    expect(new TextDecoder().decode(files.get('stored.txt'))).toBe('stored as is');
  });

  it('counts what it inflates and returns null for absent entries', () => {
    const zip = openZip(sample, limits());
    expect(zip.entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.xml', 'dir/c.bin', 'stored.txt']);
    expect(zip.inflatedBytes).toBe(0);
    expect(readZipEntry(zip, 'dir/c.bin')).toEqual(new Uint8Array(50_000).fill(7));
    expect(zip.inflatedBytes).toBe(50_000);
    expect(readZipEntry(zip, 'nope')).toBeNull();
  });

  it('refuses path traversal, absolute paths, backslashes, drive letters and NUL in entry names', () => {
    for (const name of ['../../evil.txt', '/etc/passwd', 'a/../../b', '..\\evil.txt', 'C:/Windows/x.dll', 'c:evil', 'ok.txt\0.exe']) {
      const zip = zipSync({ 'fine.txt': strToU8('x'), [name]: strToU8('evil') });
      const error = errorOf(() => openZip(zip, limits()));
      expect(error.code).toBe('corrupt');
      expect(error.message).toMatch(/^refused: /);
    }
    expect(unsafeEntryName('word/document.xml')).toBeNull();
    expect(unsafeEntryName('a/..b/c..d/.e')).toBeNull();
    expect(unsafeEntryName('../x')).toMatch(/traversal/);
  });

  it('refuses the whole archive even when the hostile entry is not one that was asked for', () => {
    const zip = zipSync({ 'content.xml': strToU8('<x/>'), '../../evil.txt': strToU8('evil') });
    expect(errorOf(() => readZip(zip, limits(), (e) => e.name === 'content.xml')).code).toBe('corrupt');
  });

  it('refuses duplicate entry names (two readers could see two different files)', () => {
    const zip = zipSync({ 'a.txt': strToU8('one'), 'b.txt': strToU8('two') });
    const renamed = zip.slice();
    const view = Buffer.from(renamed.buffer);
    // Rename b.txt to a.txt in the central directory.
    view.write('a', centralRecord(renamed, 'b.txt') + 46, 'latin1');
    expect(errorOf(() => openZip(renamed, limits())).message).toMatch(/two zip entries are both named "a.txt"/);
  });

  it('refuses 100,000 entries, from the directory count before reading any record', () => {
    const zip = emptyEntriesZip(100_000);
    // The helper writes the same directory as fflate storing a few entries.
    const few = zipSync({ 'f0.txt': new Uint8Array(0), 'f1.txt': new Uint8Array(0) }, { level: 0 });
    expect(openZip(emptyEntriesZip(2), limits()).entries).toEqual(openZip(few, limits()).entries);
    const error = errorOf(() => openZip(zip, limits()));
    expect(error.code).toBe('too-large');
    // Without zip64 the count is stored modulo 65,536: 100,000 reads as 34,464.
    expect(error.message).toBe('34464 zip entries is over the limit of 20000');
    // A limit above the wrapped count is still enforced by counting the records that follow.
    expect(errorOf(() => openZip(zip, limits({ maxZipEntries: 50_000 }))).message).toBe('more zip entries than the limit of 50000');
    expect(openZip(zip, limits({ maxZipEntries: 100_000 })).entries.length).toBe(100_000);
    // And with a lowered limit.
    expect(errorOf(() => openZip(zipSync({ a: new Uint8Array(1), b: new Uint8Array(1), c: new Uint8Array(1) }), limits({ maxZipEntries: 2 }))).code).toBe('too-large');
  });

  it('refuses an honestly declared 1 GiB bomb of zeros before inflating a byte', () => {
    const bomb = zerosBomb(1);
    expect(bomb.length).toBeLessThan(2 * MiB);
    // openZip itself throws: no archive handle ever exists, so nothing can have been inflated.
    const error = errorOf(() => openZip(bomb, limits()));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/zeros\.bin" claims 1073741824 bytes from \d+ \(\d+:1, a likely zip bomb\)/);
    expect(errorOf(() => readZip(bomb, limits({ maxUnzippedBytes: 2 ** 31 }), () => true)).code).toBe('too-large');
  });

  it('refuses an archive whose declared total is over maxUnzippedBytes', () => {
    // 40 MiB of random-ish data compresses badly, so only the total trips.
    const noise = new Uint8Array(6 * MiB).map((_, i) => (i * 2654435761) >>> 24);
    const zip = zipSync({ 'a.bin': noise, 'b.bin': noise, 'c.bin': noise }, { level: 0 });
    const error = errorOf(() => openZip(zip, limits({ maxUnzippedBytes: 16 * MiB })));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`unzips to ${18 * MiB} bytes, over the ${16 * MiB}-byte limit (a zip bomb or a very large document)`);
  });

  it('refuses a suspicious compression ratio on a big entry even under the total limit', () => {
    const zip = zipSync({ 'blank.xml': new Uint8Array(20 * MiB) });
    expect(errorOf(() => openZip(zip, limits())).message).toMatch(/a likely zip bomb/);
    // A small entry may compress as well as it likes.
    expect(() => openZip(zipSync({ 'blank.xml': new Uint8Array(2 * MiB) }), limits())).not.toThrow();
  });

  it('stops inflating as soon as an entry grows past a size its header under-declares', () => {
    // 3 GiB of zeros declaring 4 KiB: passes every directory check, must die while inflating.
    // Inflating it all takes fflate many seconds; stopping at the first 16 KB step takes milliseconds.
    const liar = zerosBomb(3, 4096);
    const zip = openZip(liar, limits());
    const started = performance.now();
    const error = errorOf(() => readZipEntry(zip, 'zeros.bin'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toBe('zip entry "zeros.bin" inflates past the 4096 bytes its header declares (a zip bomb or a damaged file)');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(zip.inflatedBytes).toBe(0);
  });

  it('reports an entry that inflates to less than declared, or fails its checksum, as corrupt', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello hello hello hello') });
    const over = patchSize(zip, 'a.txt', 'uncompressed', 100);
    expect(errorOf(() => readZipEntry(openZip(over, limits()), 'a.txt')).message).toMatch(/damaged \(23 of 100 bytes\)/);
    const stored = zipSync({ 'a.txt': [strToU8('hello'), { level: 0 }] });
    const flipped = stored.slice();
    flipped[30 + 'a.txt'.length] = 'j'.charCodeAt(0); // first data byte
    expect(errorOf(() => readZipEntry(openZip(flipped, limits()), 'a.txt')).message).toMatch(/checksum mismatch/);
  });

  it('sorts out empty, non-zip, truncated, encrypted and exotic input', () => {
    expect(errorOf(() => openZip(new Uint8Array(0), limits()))).toMatchObject({ code: 'empty', message: 'the file is empty' });
    expect(errorOf(() => openZip(strToU8('just some text, not a zip'), limits())).message).toBe(
      'not a zip archive, or truncated (no end-of-central-directory record)',
    );
    const zip = zipSync({ 'a.txt': strToU8('x'.repeat(1000)), 'b.txt': strToU8('y') });
    expect(errorOf(() => openZip(zip.subarray(0, zip.length >> 1), limits())).code).toBe('corrupt');
    expect(errorOf(() => openZip(zip, limits({ maxFileBytes: 100 }))).code).toBe('too-large');

    const encrypted = zip.slice();
    Buffer.from(encrypted.buffer).writeUInt16LE(1, centralRecord(encrypted, 'a.txt') + 8);
    expect(errorOf(() => readZipEntry(openZip(encrypted, limits()), 'a.txt')).code).toBe('encrypted');

    const bzip2 = zip.slice();
    Buffer.from(bzip2.buffer).writeUInt16LE(12, centralRecord(bzip2, 'a.txt') + 10);
    expect(errorOf(() => readZipEntry(openZip(bzip2, limits()), 'a.txt')).code).toBe('unsupported');
  });

  it('enforces maxUnzippedBytes across successive reads of one archive', () => {
    const zip = openZip(zipSync({ 'a.bin': new Uint8Array(600), 'b.bin': new Uint8Array(600) }), limits({ maxUnzippedBytes: 1200 }));
    readZipEntry(zip, 'a.bin');
    readZipEntry(zip, 'b.bin');
    expect(zip.inflatedBytes).toBe(1200);
    expect(errorOf(() => readZipEntry(zip, 'a.bin')).code).toBe('too-large');
  });
});

describe('parseXml', () => {
  it('strips namespace prefixes, decodes entities and keeps whitespace', () => {
    const doc = parseXml('<?xml version="1.0"?><o:root xmlns:o="urn:x"><o:p a:b="1">x&amp;y&#x627; <i>z</i>&nbsp;</o:p></o:root>', 'x.xml');
    const p = findElement(doc, 'p');
    expect(p?.attrs.b).toBe('1');
    expect(xmlText(p!)).toBe('x&y\u0627 z\u00a0');
  });

  it('does not expand nested entities (billion laughs), refuses external ones (XXE) and absurd nesting', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><r>&c;&c;</r>';
    expect(xmlText(parseXml(laughs, 'l.xml')).length).toBeLessThan(100);
    // External entities (XXE) are refused, never resolved.
    const xxe = errorOf(() => parseXml('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', 'xxe.xml'));
    expect(xxe.message).toBe('xxe.xml: malformed XML (External entities are not supported)');
    const error = errorOf(() => parseXml('<a>'.repeat(5000) + '</a>'.repeat(5000), 'deep.xml'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^deep\.xml: malformed XML/);
  });
});
