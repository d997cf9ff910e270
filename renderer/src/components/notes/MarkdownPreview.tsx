import { useDeferredValue, useLayoutEffect, useRef } from 'react';
import { renderMarkdown } from '../../lib/markdown.js';

/** The rendered, sanitised Markdown of a note; each block and line finds its own direction. */
export function MarkdownPreview({ text }: { text: string }) {
  const deferred = useDeferredValue(text);
  const ref = useRef<HTMLDivElement>(null);
  // React renders no children here: the sanitised fragment is inserted as is.
  useLayoutEffect(() => {
    ref.current?.replaceChildren(renderMarkdown(deferred));
  }, [deferred]);
  return (
    <div
      ref={ref}
      className="markdown"
      aria-label="Preview"
      role="region"
      dir="auto"
      onClick={(e) => {
        if ((e.target as Element).closest('a')) e.preventDefault(); // links are inert
      }}
    />
  );
}
