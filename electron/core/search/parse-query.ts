// The query language (DESIGN §4). Parsing never fails: anything not understood is plain text.

export type TermMode = 'stem' | 'exact' | 'prefix' | 'fuzzy';

export interface Clause {
  /** The user's words (one word, or a phrase when `phrase`). */
  text: string;
  phrase: boolean;
  mode: TermMode;
  /** Restricts the clause to titles. */
  field: 'title' | null;
}

export interface QueryFilters {
  tags: string[];
  excludedTags: string[];
  kinds: Array<'article' | 'note'>;
  langs: string[];
  /** ISO days: published on/after `after` and before `before` (search-plan.ts: partial dates, undated items). */
  after: string | null;
  before: string | null;
  /** `in:notes`: match only note text (standalone notes and notes attached to articles, annotations). */
  inNotes: boolean;
  /** `in:annotations`: match only annotations (highlighted passages and their comments); absent when not asked. */
  inAnnotations?: true;
}

export interface ParsedQuery {
  /** Positive clauses: AND of groups, each group an OR of clauses. */
  groups: Clause[][];
  negated: Clause[];
  filters: QueryFilters;
}

interface Lexeme {
  text: string;
  quoted: boolean;
  /** The raw prefix before a quoted phrase, e.g. `-` or `title:`. */
  lead: string;
}

/** Splits the query into bare words and "quoted phrases" (a lone quote runs to the end). */
function lex(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    let start = i;
    while (i < query.length && !/[\s"]/u.test(query[i]!)) i++;
    const word = query.slice(start, i);
    if (query[i] === '"' && (word === '' || word === '-' || word === '=' || /^[a-z]+:$/i.test(word))) {
      start = ++i;
      while (i < query.length && query[i] !== '"') i++;
      out.push({ text: query.slice(start, i), quoted: true, lead: word });
      i++; // past the closing quote (or the end)
      continue;
    }
    if (word) out.push({ text: word, quoted: false, lead: '' });
    if (query[i] === '"') i++; // a quote glued to a word (5" screen) is not a phrase: ignore it
  }
  return out;
}

const dateValue = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** `2015`, `2015-07` or `2015-07-21` to the ISO date of its first day, or null. */
function startOfDate(value: string): string | null {
  const m = dateValue.exec(value);
  if (!m) return null;
  const month = Number(m[2] ?? 1);
  const day = Number(m[3] ?? 1);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Applies a `field:value` filter; false when it is not one we know (then it is plain text). */
function applyFilter(filters: QueryFilters, field: string, value: string, negated: boolean): boolean {
  const v = value.trim();
  if (!v) return false;
  switch (field) {
    case 'tag': {
      const path = v.split('/').filter(Boolean).join('/');
      if (!path) return false;
      (negated ? filters.excludedTags : filters.tags).push(path);
      return true;
    }
    case 'type': {
      const kind = /^articles?$/i.test(v) ? 'article' : /^notes?$/i.test(v) ? 'note' : null;
      if (!kind || negated) return false;
      filters.kinds.push(kind);
      return true;
    }
    case 'lang':
      if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(v) || negated) return false;
      filters.langs.push(v.toLowerCase());
      return true;
    case 'before':
    case 'after': {
      const date = startOfDate(v);
      if (!date || negated) return false;
      filters[field] = date;
      return true;
    }
    case 'in':
      if (negated) return false;
      if (v.toLowerCase() === 'notes') filters.inNotes = true;
      else if (/^annotations?$/i.test(v)) filters.inAnnotations = true;
      else return false;
      return true;
    default:
      return false;
  }
}

/** Parses what a user typed; never throws. */
export function parseQuery(query: string): ParsedQuery {
  const filters: QueryFilters = { tags: [], excludedTags: [], kinds: [], langs: [], after: null, before: null, inNotes: false };
  const groups: Clause[][] = [];
  const negated: Clause[] = [];
  let pendingOr = false;
  let pendingNot = false;

  for (const lx of lex(query)) {
    if (!lx.quoted && (lx.text === 'OR' || lx.text === '|')) {
      pendingOr = groups.length > 0;
      continue;
    }
    if (!lx.quoted && lx.text === 'AND') continue;
    if (!lx.quoted && lx.text === 'NOT') {
      pendingNot = true;
      continue;
    }
    let text = lx.text;
    let lead = lx.quoted ? lx.lead : '';
    let neg = pendingNot;
    pendingNot = false;
    if (!lx.quoted && text.length > 1 && text.startsWith('-')) {
      neg = true;
      text = text.slice(1);
    }
    if (lead.startsWith('-')) {
      neg = true;
      lead = lead.slice(1);
    }
    let field: 'title' | null = null;
    let mode: TermMode = 'stem';
    const fieldMatch = lx.quoted ? /^([a-z]+):$/i.exec(lead) : /^([a-z]+):(.+)$/is.exec(text);
    if (fieldMatch) {
      const name = fieldMatch[1]!.toLowerCase();
      const value = lx.quoted ? text : fieldMatch[2]!;
      if (name === 'title') {
        field = 'title';
        text = value;
      } else if (applyFilter(filters, name, value, neg)) {
        continue;
      }
    }
    if (lead === '=' || (!lx.quoted && text.length > 1 && text.startsWith('='))) {
      mode = 'exact';
      if (!lx.quoted) text = text.slice(1);
    } else if (!lx.quoted && text.length > 1 && text.endsWith('*')) {
      mode = 'prefix';
      text = text.replace(/\*+$/, '');
    } else if (!lx.quoted && text.length > 1 && text.endsWith('~')) {
      mode = 'fuzzy';
      text = text.replace(/~+$/, '');
    }
    const clause: Clause = { text, phrase: lx.quoted, mode, field };
    if (neg) {
      negated.push(clause);
      pendingOr = false;
    } else if (pendingOr) {
      groups.at(-1)!.push(clause);
      pendingOr = false;
    } else {
      groups.push([clause]);
    }
  }
  return { groups, negated, filters };
}
