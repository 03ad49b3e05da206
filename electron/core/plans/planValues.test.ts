import { describe, expect, it } from 'vitest';
import { parseCostUsd, parseMergeOrder, parsePhaseDependencies } from './planValues';

describe('plan cell values', () => {
  it.each([
    ['~$5', 5],
    ['$3.50', 3.5],
    ['~$5-8', 8],
    ['$1,200', 1200],
    ['$1.2k', 1200],
    ['n/a', null],
    ['', null],
  ])('cost %s → %s', (raw, usd) => {
    expect(parseCostUsd(raw)).toBe(usd);
  });

  it.each([
    ['None', [], []],
    ['', [], []],
    ['1A', ['1A'], []],
    ['1A, 1B', ['1A', '1B'], []],
    ['None (parallel with 1A)', [], ['1A']],
    ['1A (parallel with 2B, 2C)', ['1A'], ['2B', '2C']],
    ['Phase 1A and 1B', ['1A', '1B'], []],
    ['parallel with 1A', [], ['1A']],
    ['None — parallel with 1A', [], ['1A']],
    ['Blocked by 1A and 1B', ['1A', '1B'], []],
    ['Sequential after 1B', ['1B'], []],
    ['2A (meter), 2B (alerts)', ['2A', '2B'], []],
  ])('dependencies %s', (raw, dependencies, parallelWith) => {
    expect(parsePhaseDependencies(raw)).toEqual({ dependencies, parallelWith });
  });

  it('merge order', () => {
    expect(parseMergeOrder('2nd')).toBe(2);
    expect(parseMergeOrder('-')).toBeNull();
  });
});
