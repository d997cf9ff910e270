// Proves that a change to the analyzer changes nothing it produces: every article of both corpora
// (title and body), plus a few hostile texts, analysed by the analyzer of a git revision and by
// the working tree's, token by token (exact, stem, start, end) and as the index's field strings.
// Usage: node --import tsx bench/analyzer-same.ts [--ref HEAD] [--lang ar,en] [--n all]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze as analyzeNew, type Token } from '../electron/core/text/analyzer.js';
import { readCorpus, repoRoot, type CorpusLang } from './corpus.js';
import { cpuMs } from './measure.js';

const { values } = parseArgs({ options: { ref: { type: 'string', default: 'HEAD' }, lang: { type: 'string', default: 'ar,en' }, n: { type: 'string', default: 'all' } } });
const ref = values.ref;

/** The analyzer's three modules as they were at `ref`, written under bench/results (git-ignored) and loaded. */
async function analyzerAt(rev: string): Promise<(text: string) => Token[]> {
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const dir = path.join(repoRoot, 'bench', 'results', `analyzer-${sha}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of ['analyzer.ts', 'arabic.ts', 'digits.ts']) {
    fs.writeFileSync(path.join(dir, name), execFileSync('git', ['show', `${sha}:electron/core/text/${name}`], { cwd: repoRoot, encoding: 'utf8' }));
  }
  const module = (await import(path.join(dir, 'analyzer.ts'))) as { analyze: (text: string) => Token[] };
  return module.analyze;
}

/** Texts the corpora lack: long runs, astral letters, unspaced scripts, lone surrogates, joiners, marks, digits. */
function hostileTexts(): string[] {
  const han = '中文分词测试'.repeat(400);
  return [
    'ا'.repeat(4095) + ' ' + 'ب'.repeat(4096) + ' ' + 'ج'.repeat(4097) + ' ' + 'د'.repeat(9000),
    '𝐀𝐁𝐂'.repeat(3000) + ' x ' + 'a𝐀'.repeat(2100),
    `${han} and ${'ภาษาไทย'.repeat(300)} ${'日本語のテキスト'.repeat(200)}`,
    'lone \uD800 high, lone \uDC00 low, pair \uD835\uDC00 end\uD800',
    'می‌خواهم ZWNJ\u200Cjoined و\u200Dال ﻻ ﷲ ﷺ ﬁnance Ｆｕｌｌ ｗｉｄｔｈ ½ ²',
    'مُحَمَّدٌ الْكِتَابُ ٱلرَّحْمَٰنِ ـــالتطويل ١٢٣ ۴۵۶ ०१२ ꧑꧒ 𝟘𝟙',
    'Café naïve résumé Ångström ǅemal İstanbul ß ẞ Σίσυφος ΣΑΣ',
    `x${'é'.repeat(300)} ${'\u0301'.repeat(5000)} ${'a\u0301'.repeat(3000)}`,
    '',
    '   \n\t ',
    '\uFEFFstart\u00ADsoft\u2060word 1,000.5 a_b a-b a.b',
  ];
}

function same(a: Token[], b: Token[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.exact !== y.exact || x.stem !== y.stem || x.start !== y.start || x.end !== y.end) return false;
  }
  return true;
}

const analyzeOld = await analyzerAt(ref);
let texts = 0;
let tokens = 0;
let differ = 0;
let oldMs = 0;
let newMs = 0;
const check = (label: string, text: string): void => {
  let t = cpuMs();
  const before = analyzeOld(text);
  oldMs += cpuMs() - t;
  t = cpuMs();
  const after = analyzeNew(text);
  newMs += cpuMs() - t;
  texts++;
  tokens += before.length;
  if (!same(before, after)) {
    differ++;
    if (differ <= 5) console.error(`differs: ${label} (${before.length} vs ${after.length} tokens)`);
  }
};
hostileTexts().forEach((text, k) => check(`hostile ${k}`, text));
const articlesSeen: Record<string, number> = {};
for (const lang of values.lang.split(',') as CorpusLang[]) {
  const articles = await readCorpus(lang, values.n === 'all' ? null : Number(values.n));
  articlesSeen[lang] = articles.length;
  for (const a of articles) {
    check(`${lang} ${a.id} title`, a.title);
    check(`${lang} ${a.id} body`, a.body);
  }
}
console.log(JSON.stringify({ ref, articles: articlesSeen, texts, tokens, differ, oldCpuMs: Math.round(oldMs), newCpuMs: Math.round(newMs) }));
process.exitCode = differ === 0 ? 0 : 1;
