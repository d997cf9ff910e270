import type { CSSProperties, ReactNode } from 'react';
import { useT } from '../../i18n/locale.js';

interface TagChipProps {
  path: string;
  color?: string | null | undefined;
  onClick?: (() => void) | undefined;
  /** Extra controls inside the chip (remove, colour). */
  children?: ReactNode;
  title?: string;
}

/** A tag as a small pill; hierarchical paths show their last segment most prominently. */
export function TagChip({ path, color, onClick, children, title }: TagChipProps) {
  const t = useT();
  const segments = path.split('/');
  const leaf = segments.pop() ?? path;
  const style = color ? ({ '--tag-color': color } as CSSProperties) : undefined;
  const label = (
    <>
      <span className="tag-dot" aria-hidden="true" />
      <bdi className="tag-text">
        {segments.length > 0 && <span className="tag-parent">{segments.join('/')}/</span>}
        {leaf}
      </bdi>
    </>
  );
  return (
    <span className={`tag-chip${color ? ' has-color' : ''}`} style={style}>
      {onClick ? (
        <button type="button" className="tag-main" onClick={onClick} title={title ?? t('tags.showTagged', { tag: path })}>
          {label}
        </button>
      ) : (
        <span className="tag-main">{label}</span>
      )}
      {children}
    </span>
  );
}
