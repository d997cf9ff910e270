import { useEffect, useRef } from 'react';
import type { MessageId } from '../../../electron/shared/i18n/locale.js';

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

/** The window's single-key shortcuts (listed in the help overlay, `?`). */
export interface Shortcuts {
  focusSearch(): void;
  next(): void;
  previous(): void;
  tag(): void;
  note(): void;
  remove(): void;
  help(): void;
  toggleSidebar(): void;
  toggleResults(): void;
}

/** The keys, in the order the help overlay lists them. */
export const shortcutList: Array<{ keys: string[]; action: MessageId }> = [
  { keys: ['Ctrl K', '/'], action: 'shortcut.focus' },
  { keys: ['J', '↓'], action: 'shortcut.next' },
  { keys: ['K', '↑'], action: 'shortcut.previous' },
  { keys: ['Enter'], action: 'shortcut.open' },
  { keys: ['T'], action: 'shortcut.tag' },
  { keys: ['N'], action: 'shortcut.note' },
  { keys: ['Del'], action: 'shortcut.trash' },
  { keys: ['['], action: 'shortcut.sidebar' },
  { keys: [']'], action: 'shortcut.results' },
  { keys: ['Esc'], action: 'shortcut.escape' },
  { keys: ['?'], action: 'shortcut.help' },
];

/** Whether the key goes to something the user types in (then a letter is a letter, never a shortcut). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/**
 * Single-key shortcuts anywhere in the window, except while typing or while a dialog is open
 * (Esc and Tab stay the dialog's). Ctrl/Cmd/Alt combinations are left to the browser and menus.
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    const handler = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const s = latest.current;
      const actions: Record<string, () => void> = {
        '/': s.focusSearch,
        j: s.next,
        k: s.previous,
        t: s.tag,
        n: s.note,
        Delete: s.remove,
        '?': s.help,
        '[': s.toggleSidebar,
        ']': s.toggleResults,
      };
      const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);
}
