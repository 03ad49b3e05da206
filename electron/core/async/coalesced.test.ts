import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('coalesced', () => {
  it.each([
    { calls: 1, rounds: 1 },
    { calls: 2, rounds: 2 },
    { calls: 10, rounds: 2 },
  ])('$calls overlapping calls run $rounds round(s)', async ({ calls, rounds }) => {
    let ran = 0;
    const c = coalesced(async () => {
      ran += 1;
      await tick();
    });
    await Promise.all(Array.from({ length: calls }, () => c.run()));
    expect(ran).toBe(rounds);
    expect(c.running).toBeNull();
  });

  it('a call after the run finished starts a new round', async () => {
    let ran = 0;
    const c = coalesced(async () => void (ran += 1));
    await c.run();
    await c.run();
    expect(ran).toBe(2);
  });

  it('stopped: no extra round, and a failing round frees it for the next call', async () => {
    let ran = 0;
    let stop = false;
    const c = coalesced(async () => {
      ran += 1;
      stop = true;
      await tick();
    }, () => stop);
    await Promise.all([c.run(), c.run()]);
    expect(ran).toBe(1);
    const failing = coalesced(() => Promise.reject(new Error('boom')));
    await expect(failing.run()).rejects.toThrow('boom');
    expect(failing.running).toBeNull();
  });
});
