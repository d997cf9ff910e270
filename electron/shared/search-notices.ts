// One sentence per search notice, the same in the app, the browser and the terminal.
import type { SearchNotice } from './dto.js';

/** What a notice tells the person, in one line. */
export function noticeText(notice: SearchNotice): string {
  const of = notice.of.toLocaleString('en-US');
  return `${notice.term} was searched as its ${notice.kept} most frequent words (of ${of}): type more letters to narrow it`;
}
