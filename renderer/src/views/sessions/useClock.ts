import { useSyncExternalStore } from 'react';

/** One interval for the whole app, running only while something shows a relative time. */
const TICK_MS = 5_000;

let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getNow = () => now;

/** The shared clock: "now" in ms, advancing every few seconds. Rows never start timers of their own. */
export function useClock(): number {
  return useSyncExternalStore(subscribe, getNow, getNow);
}
