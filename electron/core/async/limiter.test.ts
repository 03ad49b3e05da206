import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter';

describe('createLimiter', () => {
  it('never runs more than max tasks at once, runs all in FIFO order, passes results and errors through', async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const tasks = Array.from({ length: 7 }, (_, i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        if (i === 3) throw new Error('boom');
        return i * 10;
      }),
    );
    const results = await Promise.allSettled(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results[3]).toMatchObject({ status: 'rejected' });
    expect(results[6]).toEqual({ status: 'fulfilled', value: 60 });
    expect(limiter.active).toBe(0);
  });
  it('rejects a bad max', () => expect(() => createLimiter(0)).toThrow(RangeError));
});
