import type { Span } from '../../../../electron/shared/dto.js';
import { splitBySpans } from '../../lib/spans.js';

/** Text with the given spans wrapped in <mark>. */
export function HighlightedText({ text, spans }: { text: string; spans: readonly Span[] }) {
  return (
    <>
      {splitBySpans(text, spans).map((segment) =>
        segment.hit ? <mark key={segment.start}>{segment.text}</mark> : <span key={segment.start}>{segment.text}</span>,
      )}
    </>
  );
}
