import type { ConflictMatrix, SuggestedOrder } from '../../../shared/domain/merge';
import { BASE_CELL_NAME, cellBetween } from './matrixLookup';

export interface SuggestOrderInput {
  /** The declared order: the preference, and the tie-breaker. */
  order: readonly string[];
  matrix: ConflictMatrix | null;
  /** Hard constraints: branch → branches that must merge before it (names not in `order` are ignored). */
  dependsOn?: Readonly<Record<string, readonly string[]>>;
}

function conflicts(matrix: ConflictMatrix | null, a: string, b: string): boolean {
  return cellBetween(matrix, a, b)?.conflicts ?? false;
}

/** Branches that would need a rebase if merged in `order`: they conflict with the base or with an earlier one. */
export function rebasesNeeded(order: readonly string[], matrix: ConflictMatrix | null): string[] {
  return order.filter((b, i) => conflicts(matrix, BASE_CELL_NAME, b) || order.slice(0, i).some((p) => conflicts(matrix, p, b)));
}

/**
 * Pure: an order that needs fewer rebases than the declared one where dependencies allow a choice.
 * Greedy: at each step take an available branch that conflicts with nothing already placed,
 * preferring the one that conflicts with the fewest remaining branches (so conflict-heavy branches
 * go last and take the one rebase); ties keep the declared order. Only suggests a change when it
 * strictly reduces the rebases needed.
 */
export function suggestOrder(input: SuggestOrderInput): SuggestedOrder {
  const { order, matrix } = input;
  const inOrder = new Set(order);
  const deps = (b: string): string[] => (input.dependsOn?.[b] ?? []).filter((d) => inOrder.has(d) && d !== b);
  const placed: string[] = [];
  const remaining = [...order];
  while (remaining.length > 0) {
    const available = remaining.filter((b) => deps(b).every((d) => placed.includes(d)));
    // A dependency cycle: fall back to declared order for what is left.
    const pool = available.length > 0 ? available : remaining.slice(0, 1);
    const clean = pool.filter((b) => !conflicts(matrix, BASE_CELL_NAME, b) && !placed.some((p) => conflicts(matrix, p, b)));
    const degree = (b: string): number => remaining.filter((o) => o !== b && conflicts(matrix, o, b)).length;
    const pick =
      clean.length > 0
        ? [...clean].sort((x, y) => degree(x) - degree(y) || order.indexOf(x) - order.indexOf(y))[0]
        : pool[0];
    if (pick === undefined) break;
    placed.push(pick);
    remaining.splice(remaining.indexOf(pick), 1);
  }
  const declared = rebasesNeeded(order, matrix);
  const suggested = rebasesNeeded(placed, matrix);
  if (suggested.length >= declared.length) {
    return {
      order: [...order],
      rebasesNeeded: declared,
      rebasesNeededInDeclared: declared,
      changed: false,
      reason: declared.length === 0 ? 'the declared order merges without conflicts' : 'no order allowed by the dependencies needs fewer rebases',
    };
  }
  return {
    order: placed,
    rebasesNeeded: suggested,
    rebasesNeededInDeclared: declared,
    changed: true,
    reason: `this order needs ${suggested.length} rebase${suggested.length === 1 ? '' : 's'} instead of ${declared.length}`,
  };
}
