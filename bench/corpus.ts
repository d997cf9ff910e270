// Reads the shared news corpora (gzip JSONL, one article a line) and turns articles into what the importer stores.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { emptyDocument, type ParsedDocument } from '../electron/core/import/parsed-document.js';
import { extendCorpus } from './perturb.js';

export type CorpusLang = 'ar' | 'en';

export interface Article {
  id: string;
  title: string;
  body: string;
  lang: string;
  source: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The corpus file lives beside the repository (it is never copied into it). */
export function corpusPath(lang: CorpusLang): string {
  return path.resolve(repoRoot, `../shared/corpus/${lang}-news.jsonl.gz`);
}

/**
 * The first `limit` articles (all when `limit` is null); past the end of the file, perturbed copies
 * (bench/perturb.ts). Streams the gzip line by line: the Arabic file is ~100 MB of JSON once
 * inflated, so it is never held as one string.
 */
export async function readCorpus(lang: CorpusLang, limit: number | null): Promise<Article[]> {
  const file = corpusPath(lang);
  if (!fs.existsSync(file)) throw new Error(`corpus not found: ${file}`);
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const articles: Article[] = [];
  try {
    for await (const line of lines) {
      if (limit !== null && articles.length >= limit) break;
      if (line.trim() === '') continue;
      const raw = JSON.parse(line) as Partial<Article>;
      if (typeof raw.title !== 'string' || typeof raw.body !== 'string') throw new Error(`${file}: line without title/body`);
      articles.push({ id: String(raw.id ?? articles.length), title: raw.title, body: raw.body, lang: raw.lang ?? lang, source: raw.source ?? '' });
    }
  } finally {
    // Breaking out early must not leave the file and the inflater open.
    lines.close();
    input.destroy();
  }
  return limit !== null && limit > articles.length ? extendCorpus(articles, limit) : articles;
}

// The SaudiNewsNet ids carry the crawl date (saudinewsnet-2015-07-21-00000); the other sources have none.
const dateInId = /(\d{4})-(\d{2})-(\d{2})/;

/** The publication date the corpus gives, as YYYY-MM-DD, else null. */
export function publishedAt(article: Article): string | null {
  const m = dateInId.exec(article.id);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The bytes a user's .txt file of this article would hold: title line, blank line, body. */
export function articleText(article: Article): string {
  return `${article.title}\n\n${article.body}`;
}

/** What the txt parser would hand the importer for this article, without touching the disk. */
export function toParsedDocument(article: Article): ParsedDocument {
  return { ...emptyDocument(), title: article.title, text: article.body, publishedAt: publishedAt(article) };
}

/** `SaudiNewsNet:aljazirah` → `source/saudinewsnet/aljazirah`: a hierarchical tag per source. */
export function sourceTag(source: string): string | null {
  const parts = source
    .toLowerCase()
    .split(':')
    .map((p) => p.trim().replace(/\s+/g, '-'))
    .filter(Boolean);
  return parts.length > 0 ? ['source', ...parts].join('/') : null;
}

/**
 * Tags given on import: every article its source (so hierarchical tag filters have real
 * subtrees), and every 10th article `sport` (a 10% tag, so `tag:sport word` filters a known share).
 */
export function articleTags(article: Article, index: number): string[] {
  const tags: string[] = [];
  const source = sourceTag(article.source);
  if (source) tags.push(source);
  if (index % 10 === 0) tags.push('sport');
  return tags;
}
