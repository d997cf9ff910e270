// `--n` larger than the corpus: perturbed copies of the real articles, so 100,000 is one command.
// A copy keeps its article's title, source and date, shuffles its paragraphs and the sentences
// inside them, and gains one sentence of words drawn from the whole corpus (its word frequencies,
// so the vocabulary grows as a real archive's would). The added sentence is unique among copies,
// so no copy has the bytes (source sha256) or the analysed text (text fingerprint) of another.
import type { Article } from './corpus.js';

/** mulberry32: a small, fast, seeded generator; the same seed gives the same copies on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const paragraphBreak = /\n\s*\n/u;
// After . ! ? ؟ (Arabic question mark) and the whitespace that follows.
const sentenceBreak = /(?<=[.!?؟])\s+/u;
// Letters of any script; a corpus word must have one (numbers and punctuation stay out of the added sentence).
const hasLetter = /\p{L}/u;
const edgePunctuation = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Every word of the corpus bodies, in order: sampling it uniformly follows the corpus's word frequencies. */
function corpusWords(articles: Article[]): string[] {
  const words: string[] = [];
  for (const article of articles) {
    for (const raw of article.body.split(/\s+/u)) {
      const word = raw.replace(edgePunctuation, '');
      if (hasLetter.test(word)) words.push(word);
    }
  }
  return words;
}

/** A body with its paragraphs and sentences shuffled and `extra` put among its sentences. */
function shuffledBody(body: string, extra: string, random: () => number): string {
  const paragraphs = body
    .split(paragraphBreak)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => shuffle(p.split(sentenceBreak), random));
  if (paragraphs.length === 0) paragraphs.push([]);
  const target = paragraphs[Math.floor(random() * paragraphs.length)]!;
  target.splice(Math.floor(random() * (target.length + 1)), 0, extra);
  return shuffle(paragraphs, random)
    .map((sentences) => sentences.join(' '))
    .join('\n\n');
}

/**
 * `corpus` followed by perturbed copies until there are `n` articles (corpus order, round after
 * round: copy `r` of article `i` has id `<id>~<r>`). Deterministic for a given corpus and `seed`.
 */
export function extendCorpus(corpus: Article[], n: number, seed = 14): Article[] {
  if (n <= corpus.length || corpus.length === 0) return corpus.slice(0, n);
  const words = corpusWords(corpus);
  if (words.length === 0) throw new Error('the corpus has no words to build copies from');
  const random = seededRandom(seed);
  const added = new Set<string>();
  const out = corpus.slice();
  for (let k = corpus.length; k < n; k++) {
    const article = corpus[k % corpus.length]!;
    const round = Math.floor(k / corpus.length);
    let sentence = '';
    // 12 words drawn from millions: a repeat is vanishingly rare, and redrawn when it happens.
    for (let attempt = 0; attempt < 100 && (sentence === '' || added.has(sentence)); attempt++) {
      const drawn = Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]!);
      sentence = `${drawn.join(' ')}.`;
    }
    if (added.has(sentence)) throw new Error('could not draw a unique sentence for a perturbed copy');
    added.add(sentence);
    out.push({ ...article, id: `${article.id}~${round}`, body: shuffledBody(article.body, sentence, random) });
  }
  return out;
}
