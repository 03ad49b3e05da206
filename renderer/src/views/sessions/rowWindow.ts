/**
 * Which rows of a long table to put in the DOM. Painting and laying out 200 live rows on every
 * patch cost 50–130 ms frames (bench scenario 8); only the rows in view, plus a margin, need to exist.
 * Pure: heights in, range out, so it is table-tested without a browser.
 */

export interface RowWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Last row to render (exclusive). */
  end: number;
  /** Height of the blank space standing in for rows [0, start). */
  padTop: number;
  /** Height of the blank space standing in for rows [end, n). */
  padBottom: number;
}

/** Below this many rows everything renders: windowing would only add moving parts. */
export const WINDOW_FROM_ROWS = 80;

/** Prefix sums: offsets[i] is the top of row i, offsets[n] the total height. */
export function rowOffsets(heights: readonly number[]): number[] {
  const offsets = new Array<number>(heights.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + (heights[i] ?? 0);
  return offsets;
}

/** The first row whose bottom is below y (binary search over the offsets). */
function rowAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid + 1] ?? 0) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The rows that intersect [scrollTop - overscan, scrollTop + viewport + overscan], where scrollTop
 * is measured from the top of the first row.
 */
export function visibleRows(offsets: readonly number[], scrollTop: number, viewport: number, overscan: number): RowWindow {
  const n = offsets.length - 1;
  const total = offsets[n] ?? 0;
  if (n <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const top = Math.max(0, scrollTop - overscan);
  const bottom = Math.max(top, scrollTop + Math.max(0, viewport) + overscan);
  const start = rowAt(offsets, top);
  const last = rowAt(offsets, bottom);
  // A row that begins exactly at the bottom edge is not in view.
  const end = Math.min(n, (offsets[last] ?? 0) < bottom ? last + 1 : last);
  return { start, end, padTop: offsets[start] ?? 0, padBottom: total - (offsets[end] ?? total) };
}

/** How far to scroll (from the first row's top) so row i is fully in view; null when it already is. */
export function scrollToShow(offsets: readonly number[], index: number, scrollTop: number, viewport: number): number | null {
  const top = offsets[index];
  const bottom = offsets[index + 1];
  if (top === undefined || bottom === undefined) return null;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return bottom - viewport;
  return null;
}
