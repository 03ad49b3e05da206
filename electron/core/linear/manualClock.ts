import type { Clock, TimerHandle } from './clock';

interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `runUntil` fires due timers in time order and lets the caller
 * wait for asynchronous work (real HTTP to the test server) to settle between timers.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: PendingTimer[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t.id !== timer.id)) };
  }

  pendingCount(): number {
    return this.timers.length;
  }

  nextTimerAt(): number | null {
    let min: number | null = null;
    for (const t of this.timers) if (min === null || t.at < min) min = t.at;
    return min;
  }

  /** Move time forward without firing timers (for "the person waited" style tests, use runUntil). */
  set(time: number): void {
    this.current = time;
  }

  /** Fire every timer due up to `end` in order, awaiting `settle` after each; leaves the clock at `end`. */
  async runUntil(end: number, settle: () => Promise<void> = async () => {}): Promise<void> {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      if (due.at > this.current) this.current = due.at;
      due.fn();
      await settle();
    }
    if (end > this.current) this.current = end;
  }

  async advance(ms: number, settle?: () => Promise<void>): Promise<void> {
    await this.runUntil(this.current + ms, settle);
  }
}
