import type { Limiter } from './limiter';

/**
 * A limiter whose tasks wait until `release()` (or `fallbackMs`) before queueing on `inner`: work that
 * must not compete with something more urgent — background token counts with the first registry.
 */
export function heldLimiter(inner: Limiter, fallbackMs: number): Limiter & { release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(() => release(), fallbackMs);
  timer.unref?.();
  let waiting = 0;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      waiting++;
      return gate.then(() => {
        waiting--;
        return inner.run(task);
      });
    },
    get active() {
      return inner.active;
    },
    get pending() {
      return inner.pending + waiting;
    },
    release() {
      clearTimeout(timer);
      release();
    },
  };
}
