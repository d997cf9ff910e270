// Analysed query → FTS5 MATCH string. Every token is quoted, so no input is an FTS5 syntax error.
import type { AnalysedQuery, MatchTerm, TermWord } from './match-terms.js';
import { fuzzyAlternatives } from './match-terms.js';

interface Columns {
  exact: string;
  stem: string;
  both: string;
}

const allColumns: Columns = { exact: '{title_exact body_exact notes_exact}', stem: '{title_stem body_stem notes_stem}', both: '{title_exact body_exact notes_exact title_stem body_stem notes_stem}' };
const titleColumns: Columns = { exact: '{title_exact}', stem: '{title_stem}', both: '{title_exact title_stem}' };
const notesColumns: Columns = { exact: '{notes_exact}', stem: '{notes_stem}', both: '{notes_exact notes_stem}' };
/** The columns of annotations_fts (`in:annotations`: that table is matched instead of items_fts). */
const annotationColumns: Columns = { exact: '{exact}', stem: '{stem}', both: '{exact stem}' };

function quote(words: string[]): string {
  return `"${words.join(' ').replace(/"/g, '""')}"`;
}

/** Which columns a term searches: `inNotes` true for in:notes, 'annotations' for annotations_fts. */
type Scope = boolean | 'annotations';

function columnsFor(term: MatchTerm, inNotes: Scope): Columns {
  if (inNotes === 'annotations') return annotationColumns;
  if (term.field === 'title') return titleColumns;
  return inNotes ? notesColumns : allColumns;
}

/**
 * What an expression is for: `ranked`, matching and BM25 scoring (every alternative is a phrase of
 * the score); `set`, only which rows match (counts, membership tests). A word's exact form in the
 * exact columns always comes with its stem (stemWord of that form) at the same place in the stem
 * columns, so its exact alternative adds no row and `set` leaves it out: one phrase fewer for FTS5
 * to read (the count of المملكة at 100,000 articles: 2.1 → 1.1 ms).
 */
export type ExpressionForm = 'ranked' | 'set';

/** Words in all their forms (the stem columns); ranked, their form as written adds to the score. */
function allForms(cols: Columns, words: TermWord[], form: ExpressionForm): string {
  const stem = `${cols.stem} : ${quote(words.map((w) => w.stem))}`;
  return form === 'set' ? stem : `${stem} OR ${cols.exact} : ${quote(words.map((w) => w.exact))}`;
}

/**
 * The FTS5 expression of one term. Exact-column alternatives only add to the score (exact ⊂ stem).
 * `strict`: a `word~` as the word itself, without its typo variants.
 */
function termExpression(term: MatchTerm, inNotes: Scope, strict = false, form: ExpressionForm = 'ranked'): string {
  const cols = columnsFor(term, inNotes);
  const exact = quote(term.words.map((w) => w.exact));
  switch (term.mode) {
    case 'exact':
      return `${cols.exact} : ${exact}`;
    case 'prefix': {
      // The typed prefix is matched against both columns: `فصا*` finds فصائل and الفصائل.
      if (term.prefixWords === null) return `(${cols.exact} : ${exact} * OR ${cols.stem} : ${exact} *)`;
      // A broad prefix stands for its most frequent words (run-search.ts limitBroadPrefixes), in
      // one column filter: half the phrases of one per column set, and ranking cost grows with them.
      const leading = term.words.slice(0, -1).map((w) => w.exact);
      return `${cols.both} : (${term.prefixWords.map((w) => quote([...leading, w])).join(' OR ')})`;
    }
    case 'fuzzy': {
      // The typed word matches as usual; its typo variants in all their forms or only as written
      // (match-terms.ts fuzzyAlternatives).
      const typed = term.words.at(-1)!;
      const parts = [allForms(cols, [typed], form)];
      if (!strict) {
        for (const { word, mode } of fuzzyAlternatives(term)) {
          if (mode === 'exact') parts.push(`${cols.exact} : ${quote([word.exact])}`);
          else if (word.stem !== typed.stem) parts.push(allForms(cols, [word], form));
        }
      }
      return `(${parts.join(' OR ')})`;
    }
    default: {
      const forms = allForms(cols, term.words, form);
      return form === 'set' ? forms : `(${forms})`;
    }
  }
}

/**
 * The positive part of the MATCH expression, or null when the query has no positive words.
 * `inNotes` 'annotations': the expression for annotations_fts (whose columns are exact and stem).
 * `strict`: typo variants left out (what ranks first: search-plan.ts).
 */
export function compilePositive(query: AnalysedQuery, inNotes: Scope, strict = false, form: ExpressionForm = 'ranked'): string | null {
  // analyseQuery leaves no empty group.
  const groups = query.groups.map((group) => {
    const parts = group.map((t) => termExpression(t, inNotes, strict, form));
    return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
  });
  return groups.length > 0 ? groups.join(' AND ') : null;
}

/** The negated terms as one OR expression, or null. */
export function compileNegative(query: AnalysedQuery, inNotes: boolean, form: ExpressionForm = 'ranked'): string | null {
  const parts = query.negated.map((t) => termExpression(t, inNotes, false, form));
  return parts.length > 0 ? parts.join(' OR ') : null;
}
