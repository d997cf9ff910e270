// What a test checks after several programs (or a crash) went through an archive: every item's
// original is there with its sha256, no original without an item, no temp file, a sound database.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface ArchiveIntegrity {
  items: number;
  /** Items whose original is missing or has other bytes. */
  badOriginals: string[];
  /** Files in files/ that are no item's original. */
  orphans: string[];
  /** Files left in files/.incoming. */
  temps: string[];
  quickCheck: string;
}

/** Inspects the archive in `dir` (read-only; open it with Khizana first, so its sweep has run). */
export function inspectArchive(dir: string): ArchiveIntegrity {
  const db = new Database(path.join(dir, 'khizana.sqlite'), { readonly: true });
  try {
    const shas = db.prepare('SELECT source_sha256 FROM items WHERE source_sha256 IS NOT NULL').pluck().all() as string[];
    const known = new Set(shas);
    const badOriginals = shas.filter((sha) => {
      try {
        return createHash('sha256').update(fs.readFileSync(path.join(dir, 'files', sha.slice(0, 2), sha))).digest('hex') !== sha;
      } catch {
        return true;
      }
    });
    const orphans: string[] = [];
    const temps: string[] = [];
    const files = path.join(dir, 'files');
    for (const folder of fs.existsSync(files) ? fs.readdirSync(files) : []) {
      for (const name of fs.readdirSync(path.join(files, folder))) {
        if (folder === '.incoming') temps.push(name);
        else if (!known.has(name) || folder !== name.slice(0, 2)) orphans.push(`${folder}/${name}`);
      }
    }
    const quickCheck = db.pragma('quick_check', { simple: true }) as string;
    return { items: shas.length, badOriginals, orphans, temps, quickCheck };
  } finally {
    db.close();
  }
}
