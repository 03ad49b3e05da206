/**
 * A task that must not run twice at once: a call while it runs is answered by the running round
 * plus exactly one more round after it, however many calls came in meanwhile (the last of them
 * sees fresh state; none is lost, none is repeated for nothing).
 */
export interface Coalesced {
  run(): Promise<void>;
  /** The round in flight, for shutdown to wait on; null when idle. */
  readonly running: Promise<void> | null;
}

export function coalesced(task: () => Promise<void>, stopped: () => boolean = () => false): Coalesced {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await task();
        } while (again && !stopped());
      })().finally(() => {
        running = null;
      });
      return running;
    },
    get running() {
      return running;
    },
  };
}
