// Summarises a V8 .cpuprofile written by `node --cpu-prof` into where the import and the searches
// spend their time. Usage:
//   node --cpu-prof --cpu-prof-dir=bench/results/prof --import tsx bench/run.ts --lang ar --n 10000 --no-plain
//   node --import tsx bench/cpuprofile.ts bench/results/prof/CPU.*.cpuprofile [--top 25]
//
// How to read it: V8 samples the main thread at a fixed interval (wall clock: a thread blocked in
// a syscall is sampled in that syscall). better-sqlite3's `run`/`get`/`all` are native methods
// without a JS frame, so SQLite's time shows up as *self* time of the JS function that called
// them — e.g. writeFtsRow's self time is its FTS5 DELETE + INSERT, and better-sqlite3's
// `sqliteTransaction` self time is BEGIN + COMMIT (where FTS5 writes and merges its segments).
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A category for a sample, decided by the first frame (from the leaf up) that a rule claims. */
type Rule = [category: string, test: (frame: CallFrame) => boolean];

const fn = (...names: string[]) => (f: CallFrame) => names.includes(f.functionName);
const inFile = (part: string) => (f: CallFrame) => f.url.includes(part);

const importRules: Rule[] = [
  ['SQLite: prepare statements (db.prepare, not cached)', (f) => f.functionName === 'prepare' && f.url.includes('better-sqlite3')],
  ['SQLite: BEGIN/COMMIT (FTS5 segment flush + merges, WAL)', fn('sqliteTransaction')],
  ['SQLite: FTS5 row (DELETE + INSERT)', fn('writeFtsRow')],
  ['SQLite: items row INSERT', fn('insertItem')],
  ['file writes (originals)', fn('writeIncoming', 'placeOriginal', 'discardIncoming')],
  ['SQLite: tags and duplicate look-ups', fn('ensureTag', 'findBySha', 'findDuplicate', 'insertDocument', 'storeDocument', 'storeDocuments', 'transaction', 'statement')],
  ['hashing (sha256)', fn('sha256')],
  ['language detection', inFile('core/text/language')],
  ['analysis (tokenise, normalise, stem, join)', (f) => inFile('core/text/')(f) || fn('analyseField', 'chooseTitle')(f)],
  ['text fingerprint (duplicate check)', inFile('core/import/duplicate-text')],
  ['benchmark loop (encode text, build document)', inFile('/bench/')],
];

const searchRules: Rule[] = [
  ['SQLite: prepare statements', (f) => f.functionName === 'prepare' && f.url.includes('better-sqlite3')],
  ['snippets (re-analyse text, find matches)', fn('makeSnippet')],
  ['title highlights', fn('highlightSpans')],
  ['tags per hit (one query each)', fn('tagsOfItem')],
  ['query parse + analyse', fn('prepareQuery', 'parseQuery', 'analyseQuery')],
  ['SQLite: count(*) + page query (bm25, sort)', fn('runSearch')],
];

function summarise(profile: CpuProfile, top: number): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const stackOf = (id: number): CallFrame[] => {
    const frames: CallFrame[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) frames.push(byId.get(n)!.callFrame);
    return frames; // leaf first
  };
  const shortUrl = (url: string) => url.replace(/^.*\/(node_modules\/|electron\/|bench\/)/, '$1');
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const out: string[] = [];
  const ours = profile.nodes.some((n) => ['importKhizana', 'importKhizanaInstrumented', 'timeQueries'].includes(n.callFrame.functionName));
  if (!ours) return `no benchmark frames (${(totalUs / 1e6).toFixed(2)} s sampled): a helper thread such as tsx's loader; skipped`;
  out.push(`profile: ${(totalUs / 1e6).toFixed(2)} s sampled`);

  // Scopes: the import loop and the timed searches, each split by its rules.
  const scopes: Array<[string, string[], Rule[]]> = [
    ['import', ['importKhizana', 'importKhizanaInstrumented'], importRules],
    ['search', ['timeQueries'], searchRules],
  ];
  for (const [name, roots, rules] of scopes) {
    const categories = new Map<string, number>();
    let scopeUs = 0;
    for (const [id, us] of selfUs) {
      const stack = stackOf(id);
      if (!stack.some((f) => roots.includes(f.functionName))) continue;
      scopeUs += us;
      let category = 'other';
      for (const frame of stack) {
        const rule = rules.find(([, test]) => test(frame));
        if (rule) {
          category = rule[0];
          break;
        }
      }
      categories.set(category, (categories.get(category) ?? 0) + us);
    }
    if (scopeUs === 0) continue;
    out.push('', `${name}: ${(scopeUs / 1e6).toFixed(2)} s (garbage collection is not attributed to a scope; see the top list)`);
    for (const [category, us] of [...categories].sort((a, b) => b[1] - a[1])) {
      out.push(`  ${category.padEnd(58)} ${(us / 1e6).toFixed(2).padStart(7)} s ${((100 * us) / scopeUs).toFixed(1).padStart(5)} %`);
    }
  }

  // Self time per function, for anything the categories hide.
  const perFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + us);
  }
  out.push('', `top ${top} functions by self time:`);
  for (const [key, us] of [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    out.push(`  ${(us / 1e6).toFixed(2).padStart(7)} s ${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${key}`);
  }
  return out.join('\n');
}

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
if (positionals.length === 0) {
  console.error('usage: node --import tsx bench/cpuprofile.ts FILE.cpuprofile… [--top 25]');
  process.exit(2);
}
for (const file of positionals) {
  console.log(`== ${file}`);
  console.log(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, Number(values.top)));
}
