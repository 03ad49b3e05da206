import type { PairDecision, PairVerdict } from '../../../shared/domain/dispatch';

/**
 * Pair decisions keyed by their unordered pair, so batching, merge order and the checks look a
 * pair up in O(1) instead of scanning every decision (which made a 300-phase plan take minutes).
 * A pair that is absent is PARALLEL OK: big plans keep only the decisions that constrain something.
 */
export class DecisionIndex {
  private readonly byPair = new Map<string, PairDecision>();

  constructor(decisions: Iterable<PairDecision>) {
    for (const d of decisions) this.byPair.set(pairKey(d.a, d.b), d);
  }

  get(x: string, y: string): PairDecision | undefined {
    return this.byPair.get(pairKey(x, y));
  }

  verdict(x: string, y: string): PairVerdict {
    return this.get(x, y)?.verdict ?? 'PARALLEL_OK';
  }

  get size(): number {
    return this.byPair.size;
  }

  values(): IterableIterator<PairDecision> {
    return this.byPair.values();
  }
}

/** The same key whichever way round the pair is named. */
export function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

const indexes = new WeakMap<readonly PairDecision[], DecisionIndex>();

/** The index of a decision list, built once per list (the draft's list is looked up on every edit). */
export function decisionIndex(decisions: readonly PairDecision[] | DecisionIndex): DecisionIndex {
  if (decisions instanceof DecisionIndex) return decisions;
  let index = indexes.get(decisions);
  if (!index) {
    index = new DecisionIndex(decisions);
    indexes.set(decisions, index);
  }
  return index;
}

/** Everything that takes decisions accepts the list or its index. */
export type Decisions = readonly PairDecision[] | DecisionIndex;

export function decisionList(decisions: Decisions): readonly PairDecision[] {
  return decisions instanceof DecisionIndex ? [...decisions.values()] : decisions;
}
