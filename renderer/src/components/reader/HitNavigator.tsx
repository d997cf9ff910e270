import { useEffect, useState, type RefObject } from 'react';
import { Icon } from '../common/Icon.js';
import { useT } from '../../i18n/locale.js';

interface HitNavigatorProps {
  bodyRef: RefObject<HTMLDivElement | null>;
  count: number;
  /** Changes whenever the marks are rebuilt (item or query). */
  resetKey: string;
}

/** The next hit index, wrapping around; from "none yet" (-1) it goes to the first or last. */
function stepHit(current: number, step: number, count: number): number {
  if (current < 0) return step > 0 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** "3 / 12" with previous/next: scrolls the marked hits of the reader into view. */
export function HitNavigator({ bodyRef, count, resetKey }: HitNavigatorProps) {
  const t = useT();
  const [current, setCurrent] = useState(-1);

  useEffect(() => setCurrent(-1), [resetKey]);

  useEffect(() => {
    const marks = bodyRef.current?.querySelectorAll<HTMLElement>('mark') ?? [];
    marks.forEach((m, i) => m.classList.toggle('current', i === current));
    marks[current]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [current, bodyRef, resetKey, count]);

  useEffect(() => {
    if (count === 0) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'F3') return;
      e.preventDefault();
      setCurrent((c) => stepHit(c, e.shiftKey ? -1 : 1, count));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);

  if (count === 0) return null;
  const go = (step: number): void => setCurrent((c) => stepHit(c, step, count));
  return (
    <div className="hit-nav" role="group" aria-label={t('reader.hits')}>
      <span className="hit-count" aria-live="polite">
        {current >= 0 ? t('reader.hitPosition', { current: current + 1, count }) : t('reader.hitCount', { count })}
      </span>
      <button type="button" className="icon-button" aria-label={t('reader.prevHit')} title={t('reader.prevHitTitle')} onClick={() => go(-1)}>
        <Icon name="up" />
      </button>
      <button type="button" className="icon-button" aria-label={t('reader.nextHit')} title={t('reader.nextHitTitle')} onClick={() => go(1)}>
        <Icon name="down" />
      </button>
    </div>
  );
}
