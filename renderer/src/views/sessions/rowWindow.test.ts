import { describe, expect, it } from 'vitest';
import { rowOffsets, scrollToShow, visibleRows } from './rowWindow';

const uniform = (n: number, h = 36) => rowOffsets(new Array<number>(n).fill(h));

describe('visibleRows', () => {
  it.each([
    // rows, scrollTop, viewport, overscan → start, end
    { n: 200, scrollTop: 0, viewport: 720, overscan: 0, start: 0, end: 20 },
    { n: 200, scrollTop: 0, viewport: 720, overscan: 360, start: 0, end: 30 },
    { n: 200, scrollTop: 3600, viewport: 720, overscan: 360, start: 90, end: 130 },
    { n: 200, scrollTop: 7200 - 720, viewport: 720, overscan: 360, start: 170, end: 200 },
    { n: 200, scrollTop: 99_999, viewport: 720, overscan: 0, start: 199, end: 200 },
    { n: 5, scrollTop: 0, viewport: 720, overscan: 360, start: 0, end: 5 },
  ])('$n rows at $scrollTop px show rows $start–$end', ({ n, scrollTop, viewport, overscan, start, end }) => {
    const w = visibleRows(uniform(n), scrollTop, viewport, overscan);
    expect([w.start, w.end]).toEqual([start, end]);
  });

  it('keeps the total height: spacers plus rendered rows add up to every row', () => {
    const heights = Array.from({ length: 200 }, (_, i) => (i % 17 === 0 ? 56 : 36));
    const offsets = rowOffsets(heights);
    for (const scrollTop of [0, 1000, 4321, 7000]) {
      const w = visibleRows(offsets, scrollTop, 800, 400);
      const rendered = heights.slice(w.start, w.end).reduce((a, b) => a + b, 0);
      expect(w.padTop + rendered + w.padBottom).toBe(offsets[200]);
    }
  });

  it('handles an empty table', () => {
    expect(visibleRows(rowOffsets([]), 0, 800, 400)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('scrollToShow', () => {
  const offsets = uniform(100);
  it('scrolls up to a row above the view, down to one below, not at all for one inside', () => {
    expect(scrollToShow(offsets, 2, 360, 720)).toBe(72);
    expect(scrollToShow(offsets, 40, 360, 720)).toBe(41 * 36 - 720);
    expect(scrollToShow(offsets, 15, 360, 720)).toBeNull();
    expect(scrollToShow(offsets, 500, 0, 720)).toBeNull();
  });
});
