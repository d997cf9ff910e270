// The text an annotation contributes to search and snippets (its own module: items.ts and
// annotations.ts both need it, and annotations.ts imports items.ts).

/** The text an annotation contributes to search: the passage, then its comment. */
export function annotationSearchText(exact: string, comment: string): string {
  return comment.trim() === '' ? exact : `${exact}\n\n${comment}`;
}
