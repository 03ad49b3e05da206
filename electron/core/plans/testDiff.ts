import { expect } from 'vitest';

/** Test helper: lengths of the common prefix and suffix of two texts (non-overlapping). */
export function commonEnds(before: string, after: string): { prefix: number; suffix: number } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/** Asserts that `after` differs from `before` only inside before[start, end). */
export function expectOnlyChanged(before: string, after: string, start: number, end: number): void {
  expect(after.slice(0, start)).toBe(before.slice(0, start));
  expect(after.slice(after.length - (before.length - end))).toBe(before.slice(end));
}

/** The line endings of a text are all CRLF (no bare LF). */
export function expectAllCrlf(text: string): void {
  expect(/(?<!\r)\n/.test(text)).toBe(false);
}
