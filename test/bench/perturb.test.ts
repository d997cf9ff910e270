import { describe, expect, it } from 'vitest';
import { articleText, toParsedDocument, type Article } from '../../bench/corpus.js';
import { extendCorpus } from '../../bench/perturb.js';
import { prepareDocument, sha256 } from '../../electron/core/import/prepare-document.js';

// Two short real-looking articles: the copies must outnumber them many times over.
const sentences = (n: number, word: string): string =>
  Array.from({ length: n }, (_, i) => `جملة ${word} رقم ${'أ'.repeat(i + 1)} تتحدث عن الحكومة والاقتصاد والنفط في المملكة.`).join(' ');
const corpus: Article[] = [
  { id: 'saudinewsnet-2015-07-21-00000', title: 'الأول', body: `${sentences(6, 'أولى')}\n\n ${sentences(5, 'ثانية')}`, lang: 'ar', source: 'SaudiNewsNet:aljazirah' },
  { id: 'b', title: 'الثاني', body: 'جملة واحدة فقط.', lang: 'ar', source: 'x' },
];

describe('extendCorpus (bench --n larger than the corpus)', () => {
  it('builds n articles whose copies differ from every other by bytes and by text fingerprint', () => {
    const out = extendCorpus(corpus, 200);
    expect(out).toHaveLength(200);
    expect(out.slice(0, 2)).toEqual(corpus);
    expect(out[2]!.id).toBe('saudinewsnet-2015-07-21-00000~1');
    expect(out[2]!.title).toBe('الأول');
    expect(out[2]!.source).toBe(corpus[0]!.source);
    expect(new Set(out.map((a) => sha256(articleText(a)))).size).toBe(200);
    const fingerprints = out.filter((a) => a.id.startsWith('saudi')).map((a) => prepareDocument(toParsedDocument(a), a.id).textSha);
    expect(fingerprints.every((f) => f !== null)).toBe(true);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('shuffles sentences and paragraphs, adds one sentence of corpus words, and is deterministic', () => {
    const a = extendCorpus(corpus, 50);
    expect(extendCorpus(corpus, 50)).toEqual(a);
    const corpusWords = new Set(corpus.flatMap((c) => c.body.split(/\s+/u).map((w) => w.replace(/[^\p{L}\p{N}]+$/u, ''))));
    for (const copy of a.slice(2).filter((c) => c.id.startsWith('saudi'))) {
      const original = corpus[0]!.body.split(/(?<=\.)\s+/u).map((s) => s.trim());
      const copySentences = copy.body.split(/(?<=\.)\s+/u).map((s) => s.trim());
      // Every original sentence is still there, plus exactly one new one.
      expect(copySentences).toHaveLength(original.length + 1);
      expect(original.every((s) => copySentences.includes(s))).toBe(true);
      const added = copySentences.filter((s) => !original.includes(s));
      expect(added).toHaveLength(1);
      expect(added[0]!.replace(/\.$/u, '').split(' ').every((w) => corpusWords.has(w))).toBe(true);
    }
    // Not all copies keep the original order.
    expect(a.slice(2).some((c) => c.id.startsWith('saudi') && !c.body.startsWith('جملة أولى رقم أ '))).toBe(true);
  });

  it('returns the first n articles when n is not larger than the corpus', () => {
    expect(extendCorpus(corpus, 1)).toEqual([corpus[0]]);
  });
});
