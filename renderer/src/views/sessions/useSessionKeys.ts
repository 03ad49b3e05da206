import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/appStore';

export interface SessionKeyActions {
  move(delta: 1 | -1): void;
  open(): void;
  close(): void;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** ↑/↓ move the selection, Enter opens the detail, Esc closes it; not while typing or in the palette. */
export function useSessionKeys(actions: SessionKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (useAppStore.getState().paletteOpen || typingInto(event.target)) return;
      // A focused button or link keeps its own Enter.
      if (event.key === 'Enter' && event.target instanceof HTMLElement && ['BUTTON', 'A'].includes(event.target.tagName)) return;
      const a = latest.current;
      if (event.key === 'ArrowDown' || event.key === 'j') a.move(1);
      else if (event.key === 'ArrowUp' || event.key === 'k') a.move(-1);
      else if (event.key === 'Enter') a.open();
      else if (event.key === 'Escape') a.close();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
