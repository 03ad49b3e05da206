import type { TokenUsage } from '../../../../shared/domain/claude';

/** Small arithmetic on TokenUsage, shared by the accumulator and its tests. */

export function emptyUsage(): TokenUsage {
  return { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
}

export function totalTokens(u: TokenUsage): number {
  return u.input + u.output + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead;
}

/** a + sign × b, in place on `a` (sign -1 takes a replaced response back out). */
export function addUsageInto(a: TokenUsage, b: TokenUsage, sign: 1 | -1 = 1): void {
  a.input += sign * b.input;
  a.output += sign * b.output;
  a.cacheWrite5m += sign * b.cacheWrite5m;
  a.cacheWrite1h += sign * b.cacheWrite1h;
  a.cacheRead += sign * b.cacheRead;
}
