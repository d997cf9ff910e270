import { useEffect } from 'react';

/** Ctrl+K / Cmd+K anywhere in the window runs `onFind`. */
export function useFindHotkey(onFind: () => void): void {
  useEffect(() => {
    const handler = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        onFind();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [onFind]);
}
