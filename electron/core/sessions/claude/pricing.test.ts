import { describe, expect, it } from 'vitest';
import { costOf, priceFor } from './pricing';

describe('priceFor', () => {
  it.each([
    ['claude-opus-4-20250514', 15, 75],
    ['claude-opus-4-1-20250805', 15, 75],
    ['claude-opus-4-5-20251101', 5, 25],
    ['claude-opus-4-6', 5, 25],
    ['claude-sonnet-4-20250514', 3, 15],
    ['claude-sonnet-4-5-20250929', 3, 15],
    ['claude-sonnet-4-5[1m]', 3, 15],
    ['claude-haiku-4-5-20251001', 1, 5],
    ['claude-3-5-haiku-20241022', 0.8, 4],
    ['claude-3-7-sonnet-20250219', 3, 15],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', 15, 75],
    ['claude-opus-4@20250514', 15, 75],
  ])('%s costs $%s in / $%s out per million', (model, input, output) => {
    const price = priceFor(model);
    expect(price).toMatchObject({ input, output });
    expect(price!.cacheWrite5m).toBeCloseTo(input * 1.25);
    expect(price!.cacheWrite1h).toBeCloseTo(input * 2);
    expect(price!.cacheRead).toBeCloseTo(input * 0.1);
  });

  it.each(['<synthetic>', 'gpt-4o', 'claude-opus-5', 'claude-3-opus-20240229', ''])('%s has no price', (model) => {
    expect(priceFor(model)).toBeNull();
  });
});

describe('costOf', () => {
  it('adds every token kind at its own price', () => {
    const usage = { input: 1_000_000, output: 1_000_000, cacheWrite5m: 1_000_000, cacheWrite1h: 1_000_000, cacheRead: 1_000_000 };
    // sonnet 4: 3 + 15 + 3.75 + 6 + 0.3
    expect(costOf('claude-sonnet-4-20250514', usage)).toBeCloseTo(28.05, 9);
    expect(costOf('mystery', usage)).toBeNull();
  });
});
