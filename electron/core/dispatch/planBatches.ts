import type { Batch, MergeOrder, PairDecision, PhaseFacts, Violation } from '../../../shared/domain/dispatch';
import { batchCap, batchKind, checkBatches, type BatchRuleOptions } from './batchRules';
import { decideAllPairs, findDecision, type DecideOptions } from './decidePair';
import { acyclic, dependencyGraph, findCycles } from './dependencyGraph';
import { parseDeclaredBatch } from './phaseFacts';
import { dedupeViolations, violation } from './ruleBook';

export interface PlanBatchesOptions extends BatchRuleOptions, DecideOptions {
  /** Ignore the plan's declared batches and compute them (for "suggest a better batching"). */
  ignoreDeclaredBatches?: boolean;
}

export interface PlannedBatches {
  batches: Batch[];
  violations: Violation[];
}

/** May `id` join `members` in one batch: nothing SEQUENTIAL between them and within the cap? */
function fits(
  id: string,
  members: readonly string[],
  decisions: readonly PairDecision[],
  byId: ReadonlyMap<string, PhaseFacts>,
): boolean {
  if (members.length + 1 > batchCap([...members, id], byId)) return false;
  return members.every((m) => findDecision(decisions, m, id)?.verdict !== 'SEQUENTIAL');
}

/**
 * Orders phases topologically (B after the A whose output it reads) and groups parallel-safe phases
 * into batches: at most 3 implementation sessions, at most 5 when every session is read-only
 * research; batch N+1 waits for batch N. Declared batches (Phase Map "Batch" column) are kept as
 * written and their problems reported, never silently fixed; undeclared phases are placed in the
 * earliest batch that can take them. Cycles are reported as violations, not thrown.
 */
export function planBatches(
  phases: readonly PhaseFacts[],
  decisions: readonly PairDecision[] = decideAllPairs(phases),
  options: PlanBatchesOptions = {},
): PlannedBatches {
  const violations: Violation[] = [];
  const byId = new Map(phases.map((p) => [p.phase, p]));

  for (const p of phases) {
    for (const dep of p.dependsOn) {
      if (!byId.has(dep)) {
        violations.push(
          violation('dependency.unknown', `${p.phase} depends on "${dep}", which is not a phase of this plan.`, { phases: [p.phase] }, 'warning'),
        );
      }
    }
  }

  const full = dependencyGraph(phases, decisions);
  for (const cycle of findCycles(full)) {
    violations.push(
      violation(
        'dependency.cycle',
        `Dependency cycle: ${cycle.join(' → ')}.`,
        { phases: [...new Set(cycle)] },
      ),
    );
  }
  const g = acyclic(full);

  const batchOf = new Map<string, number>();
  const members = new Map<number, string[]>();
  const put = (id: string, index: number): void => {
    batchOf.set(id, index);
    members.set(index, [...(members.get(index) ?? []), id]);
  };

  if (!options.ignoreDeclaredBatches) {
    for (const p of phases) {
      const declared = parseDeclaredBatch(p.batch);
      if (declared !== null) put(p.phase, declared);
    }
  }

  // Place the rest in topological order: earliest batch after all predecessors that fits.
  const pending = phases.map((p) => p.phase).filter((id) => !batchOf.has(id));
  const done = new Set(batchOf.keys());
  while (pending.length > 0) {
    // Ready: every predecessor already placed.
    const ready = pending.filter((id) => [...(g.preds.get(id) ?? [])].every((pr) => done.has(pr)));
    const pick = ready[0] ?? pending[0];
    if (pick === undefined) break;
    const after = Math.max(0, ...[...(g.preds.get(pick) ?? [])].map((pr) => batchOf.get(pr) ?? 0));
    // Successors already placed (declared) bound the batch from above.
    const placedSuccs = [...(g.succs.get(pick) ?? [])].map((s) => batchOf.get(s)).filter((n): n is number => n !== undefined);
    const before = placedSuccs.length > 0 ? Math.min(...placedSuccs) : Number.POSITIVE_INFINITY;
    const existing = [...members.keys()].sort((x, y) => x - y);
    let chosen: number | undefined;
    for (const idx of existing) {
      if (idx <= after || idx >= before) continue;
      if (fits(pick, members.get(idx) ?? [], decisions, byId)) {
        chosen = idx;
        break;
      }
    }
    if (chosen === undefined) {
      const top = existing.length > 0 ? Math.max(...existing) : 0;
      chosen = Math.max(top, after) + 1;
    }
    put(pick, chosen);
    done.add(pick);
    pending.splice(pending.indexOf(pick), 1);
  }

  const batches: Batch[] = [...members.entries()]
    .sort(([x], [y]) => x - y)
    .map(([index, ids]) => ({ index, phases: ids, kind: batchKind(ids, byId) }));

  violations.push(...checkBatches(batches, phases, decisions, options));
  return { batches, violations: dedupeViolations(violations) };
}

/**
 * Default merge order: batch by batch, and inside a batch the phases whose files others share go
 * first (their branch becomes the base the others rebase onto), then plan order.
 */
export function defaultMergeOrder(batches: readonly Batch[], decisions: readonly PairDecision[]): MergeOrder {
  const order: MergeOrder = {};
  let n = 1;
  for (const b of [...batches].sort((x, y) => x.index - y.index)) {
    const overlaps = (id: string): number =>
      b.phases.filter((o) => o !== id && findDecision(decisions, o, id)?.verdict === 'PARALLEL_WITH_BRANCH_STRATEGY').length;
    const sorted = b.phases
      .map((id, i) => ({ id, i, k: overlaps(id) }))
      .sort((x, y) => y.k - x.k || x.i - y.i)
      .map((e) => e.id);
    for (const id of sorted) {
      if (order[id] === undefined) {
        order[id] = n;
        n += 1;
      }
    }
  }
  return order;
}
