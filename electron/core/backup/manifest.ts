// The backup file format (version 1): a POSIX tar holding, in this order,
//   khizana-backup.json     what this file is: {format, formatVersion, khizanaVersion, createdAt}
//   khizana.sqlite          a consistent snapshot of the database (SQLite's online backup)
//   files/ab/<sha256>       every original an item of that snapshot refers to
//   manifest.json           the identity again, counts, and the size and sha256 of every file above
//   manifest.json.sha256    the manifest's own sha256, as `sha256sum -c` reads it
// Items are not listed: the manifest names files, so columns added to the database (uids, a change
// log) need no change to it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BackupCounts } from '../../shared/dto.js';
import type { Db } from '../storage/database.js';

export const backupFormat = 'khizana-backup';
export const backupFormatVersion = 1;

export const identityEntry = 'khizana-backup.json';
export const databaseEntry = 'khizana.sqlite';
export const manifestEntry = 'manifest.json';
export const manifestChecksumEntry = 'manifest.json.sha256';
const originalEntryPattern = /^files\/([0-9a-f]{2})\/(\1[0-9a-f]{62})$/;

/** The tar entry name of the original with this sha256 (as in the archive folder: files/ab/abcdef…). */
export function originalEntry(sha256: string): string {
  return `files/${sha256.slice(0, 2)}/${sha256}`;
}

/** The sha256 an original's entry name says it has, or null when the name is not an original's. */
export function originalEntrySha(name: string): string | null {
  return originalEntryPattern.exec(name)?.[2] ?? null;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const identitySchema = z.object({
  format: z.literal(backupFormat),
  formatVersion: z.number().int().positive(),
  khizanaVersion: z.string(),
  createdAt: z.string(),
});

/** What the first entry says: enough to refuse a foreign or newer file before reading further. */
export type BackupIdentity = z.infer<typeof identitySchema>;

const countsSchema: z.ZodType<BackupCounts> = z.object({
  articles: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  tags: z.number().int().nonnegative(),
  savedSearches: z.number().int().nonnegative(),
  originals: z.number().int().nonnegative(),
});

const manifestSchema = identitySchema.extend({
  /** The database's schema version (`PRAGMA user_version`). */
  schemaVersion: z.number().int().nonnegative(),
  counts: countsSchema,
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: sha256Hex })),
  /** Originals the snapshot refers to that were not in the archive folder (not in the backup). */
  missingOriginals: z.array(sha256Hex),
  /** Originals whose bytes no longer match their name: in the backup as they were found. */
  damagedOriginals: z.array(sha256Hex),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** The identity entry's fields, or null when the JSON is not a Khizana backup's identity. */
export function parseIdentity(json: unknown): BackupIdentity | null {
  const result = identitySchema.safeParse(json);
  return result.success ? result.data : null;
}

/** The manifest's fields, or null when the JSON is not a valid manifest. */
export function parseManifest(json: unknown): BackupManifest | null {
  const result = manifestSchema.safeParse(json);
  return result.success ? result.data : null;
}

/** What a backup counts, read from a database (the snapshot when backing up, the restored copy when restoring). */
export function backupCounts(db: Db): BackupCounts {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM items WHERE kind = 'article') AS articles,
              (SELECT count(*) FROM items WHERE kind = 'note') AS notes,
              (SELECT count(*) FROM tags) AS tags,
              (SELECT count(*) FROM saved_searches) AS savedSearches,
              (SELECT count(DISTINCT source_sha256) FROM items WHERE source_sha256 IS NOT NULL) AS originals`,
    )
    .get() as BackupCounts;
}

/** The sha256 of every original an item of `db` refers to, sorted (the committed originals only). */
export function referencedOriginals(db: Db): string[] {
  const rows = db.prepare('SELECT DISTINCT source_sha256 AS sha FROM items WHERE source_sha256 IS NOT NULL ORDER BY 1').all() as Array<{ sha: string }>;
  return rows.map((r) => r.sha).filter((sha) => /^[0-9a-f]{64}$/.test(sha));
}

let version: string | undefined;

/** Khizana's version, from the package.json above this module (sources, dist/ or the packaged app). */
export function khizanaVersion(): string {
  if (version !== undefined) return version;
  version = 'unknown';
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'khizana' && typeof pkg.version === 'string') return (version = pkg.version);
    } catch {
      // not here: look one folder up
    }
    dir = path.dirname(dir);
  }
  return version;
}
