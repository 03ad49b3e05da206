import type { Batch, MergeOrder, PhaseFacts, Violation } from '../../../shared/domain/dispatch';
import { batchCap, batchKind, checkBatches, MAX_IMPLEMENTATION_SESSIONS, MAX_RESEARCH_SESSIONS, type BatchRuleOptions } from './batchRules';
import { decideAllPairs, type DecideOptions } from './decidePair';
import { decisionIndex, decisionList, type DecisionIndex, type Decisions } from './decisionIndex';
import { evaluatedPhases, tooManyPhases } from './phaseCap';
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
  decisions: DecisionIndex,
  byId: ReadonlyMap<string, PhaseFacts>,
): boolean {
  if (members.length + 1 > batchCap([...members, id], byId)) return false;
  return members.every((m) => decisions.verdict(m, id) !== 'SEQUENTIAL');
}

/**
 * Orders phases topologically (B after the A whose output it reads) and groups parallel-safe phases
 * into batches: at most 3 implementation sessions, at most 5 when every session is read-only
 * research; batch N+1 waits for batch N. Declared batches (Phase Map "Batch" column) are kept as
 * written and their problems reported, never silently fixed; undeclared phases are placed in the
 * earliest batch that can take them. Cycles are reported as violations, not thrown.
 */
export function planBatches(
  allPhases: readonly PhaseFacts[],
  decisionsInput: Decisions = decideAllPairs(evaluatedPhases(allPhases)),
  options: PlanBatchesOptions = {},
): PlannedBatches {
  const violations: Violation[] = [];
  const phases = evaluatedPhases(allPhases);
  const capped = tooManyPhases(allPhases);
  if (capped) violations.push(capped);
  const decisions = decisionIndex(decisionsInput);
  const byId = new Map(phases.map((p) => [p.phase, p]));
  const position = new Map(phases.map((p, i) => [p.phase, i]));

  for (const p of phases) {
    for (const dep of p.dependsOn) {
      if (!byId.has(dep) && !allPhases.some((q) => q.phase === dep)) {
        violations.push(
          violation('dependency.unknown', `${p.phase} depends on "${dep}", which is not a phase of this plan.`, { phases: [p.phase] }, 'warning'),
        );
      }
    }
  }

  const full = dependencyGraph(phases, decisionList(decisions));
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
  // Batches that may still take a phase, ascending: a full batch can never fit one more, so
  // placement skips it (a big plan has hundreds of full batches).
  const open: number[] = [];
  let top = 0;
  const isFull = (ids: readonly string[]): boolean =>
    ids.length >= MAX_RESEARCH_SESSIONS || (ids.length >= MAX_IMPLEMENTATION_SESSIONS && ids.some((id) => byId.get(id)?.readOnlyResearch !== true));
  const put = (id: string, index: number): void => {
    batchOf.set(id, index);
    const ids = members.get(index);
    if (ids) ids.push(id);
    else {
      members.set(index, [id]);
      open.splice(insertionPoint(open, index), 0, index);
      top = Math.max(top, index);
    }
    if (isFull(members.get(index) ?? [])) {
      const at = open.indexOf(index);
      if (at >= 0) open.splice(at, 1);
    }
  };
  const declared = new Set<string>();

  if (!options.ignoreDeclaredBatches) {
    for (const p of phases) {
      const n = parseDeclaredBatch(p.batch);
      if (n !== null) {
        put(p.phase, n);
        declared.add(p.phase);
      }
    }
  }

  // Place the rest in topological order: earliest batch after all predecessors that fits.
  const pending = phases.map((p) => p.phase).filter((id) => !batchOf.has(id));
  const waiting = new Map(pending.map((id) => [id, [...(g.preds.get(id) ?? [])].filter((pr) => !batchOf.has(pr)).length]));
  while (pending.length > 0) {
    // Ready: every predecessor already placed; the first in plan order goes first.
    const at = Math.max(0, pending.findIndex((id) => (waiting.get(id) ?? 0) === 0));
    const pick = pending[at];
    if (pick === undefined) break;
    const after = Math.max(0, ...[...(g.preds.get(pick) ?? [])].map((pr) => batchOf.get(pr) ?? 0));
    // Successors already placed (declared) bound the batch from above.
    const placedSuccs = [...(g.succs.get(pick) ?? [])].map((s) => batchOf.get(s)).filter((n): n is number => n !== undefined);
    const before = placedSuccs.length > 0 ? Math.min(...placedSuccs) : Number.POSITIVE_INFINITY;
    let chosen: number | undefined;
    for (let k = insertionPoint(open, after + 1); k < open.length; k += 1) {
      const idx = open[k];
      if (idx === undefined || idx >= before) break;
      if (fits(pick, members.get(idx) ?? [], decisions, byId)) {
        chosen = idx;
        break;
      }
    }
    if (chosen === undefined) chosen = Math.max(top, after) + 1;
    put(pick, chosen);
    pending.splice(at, 1);
    for (const s of g.succs.get(pick) ?? []) if (waiting.has(s)) waiting.set(s, (waiting.get(s) ?? 1) - 1);
  }

  balanceBatches(members, batchOf, declared, g.succs, decisions, byId);

  const batches: Batch[] = [...members.entries()]
    .filter(([, ids]) => ids.length > 0)
    .sort(([x], [y]) => x - y)
    .map(([index, ids]) => {
      const sorted = [...ids].sort((x, y) => (position.get(x) ?? 0) - (position.get(y) ?? 0));
      return { index, phases: sorted, kind: batchKind(sorted, byId) };
    });

  violations.push(...checkBatches(batches, phases, decisions, options));
  return { batches, violations: dedupeViolations(violations) };
}

/** First position in the ascending list whose value is ≥ `value`. */
function insertionPoint(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * §1 "group them into batches of 2-3": filling each batch to the cap leaves a lone phase at the end
 * (4 → 3+1, 7 → 3+3+1). Evens out neighbouring batches instead (4 → 2+2, 7 → 3+2+2) by moving a
 * phase the engine placed (never a declared one) one batch later, when nothing forbids it there
 * and everything that waits for it still runs after it.
 */
function balanceBatches(
  members: Map<number, string[]>,
  batchOf: Map<string, number>,
  declared: ReadonlySet<string>,
  succs: ReadonlyMap<string, ReadonlySet<string>>,
  decisions: DecisionIndex,
  byId: ReadonlyMap<string, PhaseFacts>,
): void {
  const order = [...members.keys()].sort((x, y) => x - y);
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = order.length - 2; k >= 0; k -= 1) {
      const i = order[k];
      const j = order[k + 1];
      if (i === undefined || j === undefined) continue;
      const from = members.get(i) ?? [];
      const to = members.get(j) ?? [];
      while (from.length - to.length >= 2) {
        const movable = [...from].reverse().find(
          (id) =>
            !declared.has(id) &&
            [...(succs.get(id) ?? [])].every((s) => (batchOf.get(s) ?? Number.POSITIVE_INFINITY) > j) &&
            fits(id, to, decisions, byId),
        );
        if (movable === undefined) break;
        from.splice(from.indexOf(movable), 1);
        to.push(movable);
        batchOf.set(movable, j);
        changed = true;
      }
      members.set(i, from);
      members.set(j, to);
    }
  }
}

/**
 * Default merge order: batch by batch, and inside a batch the phases whose files others share go
 * first (their branch becomes the base the others rebase onto), then plan order.
 */
export function defaultMergeOrder(batches: readonly Batch[], decisionsInput: Decisions): MergeOrder {
  const decisions = decisionIndex(decisionsInput);
  const order: MergeOrder = {};
  let n = 1;
  for (const b of [...batches].sort((x, y) => x.index - y.index)) {
    const overlaps = (id: string): number =>
      b.phases.filter((o) => o !== id && decisions.verdict(o, id) === 'PARALLEL_WITH_BRANCH_STRATEGY').length;
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
