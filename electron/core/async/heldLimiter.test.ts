import { afterEach, describe, expect, it, vi } from 'vitest';
import { heldLimiter } from './heldLimiter';
import { createLimiter } from './limiter';

afterEach(() => {
  vi.useRealTimers();
});

describe('heldLimiter', () => {
  it('holds tasks until released, then runs them through the inner limiter in order', async () => {
    const ran: number[] = [];
    const held = heldLimiter(createLimiter(1), 60_000);
    const done = Promise.all([1, 2, 3].map((n) => held.run(async () => void ran.push(n))));
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual([]);
    expect(held.pending).toBe(3);
    held.release();
    await done;
    expect(ran).toEqual([1, 2, 3]);
    expect(held.pending).toBe(0);
  });

  it('lets the tasks go after the fallback time even if nobody releases', async () => {
    vi.useFakeTimers();
    const held = heldLimiter(createLimiter(1), 15_000);
    let ran = false;
    const p = held.run(async () => void (ran = true));
    await vi.advanceTimersByTimeAsync(14_000);
    expect(ran).toBe(false);
    await vi.advanceTimersByTimeAsync(1_500);
    await p;
    expect(ran).toBe(true);
  });
});
