import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PhaseFacts, PhaseFactsInput } from '../../../shared/domain/dispatch';
import { MAX_IMPLEMENTATION_SESSIONS, MAX_RESEARCH_SESSIONS } from './batchRules';
import { decideAllPairs, findDecision } from './decidePair';
import { makePhaseFacts } from './phaseFacts';
import { defaultMergeOrder, planBatches } from './planBatches';

const ph = (phase: string, extra: Partial<PhaseFactsInput> = {}) =>
  makePhaseFacts({ phase, issueIds: [`CIA-${phase}`], exec: 'tdd', files: [`src/${phase}`], ...extra });
const shape = (phases: PhaseFacts[]) => planBatches(phases).batches.map((b) => b.phases);
const rules = (phases: PhaseFacts[]) => planBatches(phases).violations.map((v) => v.rule);

describe('planBatches', () => {
  it('3 independent implementation phases → one batch of 3 (composed-crunching-raven)', () => {
    expect(shape([ph('1A'), ph('1B'), ph('1C')])).toEqual([['1A', '1B', '1C']]);
  });

  // This test used to lock in 3 + 1, which breaks §1 "group them into batches of 2-3".
  it.each([
    [1, [1]],
    [2, [2]],
    [3, [3]],
    [4, [2, 2]],
    [5, [3, 2]],
    [6, [3, 3]],
    [7, [3, 2, 2]],
    [8, [3, 3, 2]],
    [10, [3, 3, 2, 2]],
  ])('%i independent implementation phases → batches of %j (2-3 each, max 3 sessions)', (count, sizes) => {
    const r = planBatches(Array.from({ length: count }, (_, i) => ph(`1${String.fromCharCode(65 + i)}`)));
    expect(r.batches.map((b) => b.phases.length)).toEqual(sizes);
    expect(r.batches.flatMap((b) => b.phases)).toEqual(Array.from({ length: count }, (_, i) => `1${String.fromCharCode(65 + i)}`));
    expect(r.violations).toEqual([]);
  });

  it('balancing never moves a phase past one that waits for it, nor a declared phase', () => {
    const r = planBatches([ph('1A'), ph('1B'), ph('1C', { batch: '1' }), ph('2A', { dependsOn: ['1A'] })]);
    // 1C is declared in batch 1; 1A has a reader in batch 2; 1B may move.
    expect(r.batches.map((b) => b.phases)).toEqual([['1A', '1C'], ['1B', '2A']]);
  });

  it('5 research tracks → one research batch; 6 → 3 + 3 (even, not 5 + 1)', () => {
    const research = (n: number) => Array.from({ length: n }, (_, i) => ph(`R${i + 1}`, { readOnlyResearch: true, exec: 'spike', outputs: [`research/r${i + 1}.md`] }));
    const five = planBatches(research(5));
    expect(five.batches).toEqual([{ index: 1, phases: ['R1', 'R2', 'R3', 'R4', 'R5'], kind: 'research' }]);
    expect(shape(research(6))).toEqual([['R1', 'R2', 'R3'], ['R4', 'R5', 'R6']]);
  });

  it('mixing research and implementation uses the 3 cap', () => {
    const phases = [ph('1A'), ph('R1', { readOnlyResearch: true }), ph('R2', { readOnlyResearch: true }), ph('R3', { readOnlyResearch: true })];
    const r = planBatches(phases);
    expect(r.batches.every((b) => b.phases.length <= 3)).toBe(true);
    expect(r.batches[0]?.kind).toBe('implementation');
  });

  it('a dependency chain becomes one batch per link', () => {
    expect(shape([ph('1A'), ph('1B', { dependsOn: ['1A'] }), ph('1C', { dependsOn: ['1B'] })])).toEqual([['1A'], ['1B'], ['1C']]);
  });

  it('a dependent phase waits, independent ones fill the batch', () => {
    expect(shape([ph('1A'), ph('2A', { dependsOn: ['1A'] }), ph('1B')])).toEqual([['1A', '1B'], ['2A']]);
  });

  it('conflicting phases (shared infrastructure) are split', () => {
    expect(shape([ph('1A', { files: ['db/migrations/1.sql'] }), ph('1B', { files: ['db/migrations/2.sql'] })])).toEqual([['1A'], ['1B']]);
  });

  it('branch-strategy pairs may share a batch', () => {
    expect(shape([ph('1A', { files: ['src/x.ts'] }), ph('1B', { files: ['src/x.ts'] })])).toEqual([['1A', '1B']]);
  });

  it('dependency.cycle: a cycle is reported by name, not thrown, and every phase is still placed', () => {
    const r = planBatches([ph('1A', { dependsOn: ['1C'] }), ph('1B', { dependsOn: ['1A'] }), ph('1C', { dependsOn: ['1B'] }), ph('2A')]);
    const cyc = r.violations.filter((v) => v.rule === 'dependency.cycle');
    expect(cyc).toHaveLength(1);
    expect(cyc[0]?.message).toContain('1A → 1B → 1C → 1A');
    expect(r.batches.flatMap((b) => b.phases).sort()).toEqual(['1A', '1B', '1C', '2A']);
  });

  it('dependency.cycle: a self-dependency is a cycle', () => {
    expect(rules([ph('1A', { dependsOn: ['1A'] })])).toContain('dependency.cycle');
  });

  it('dependency.cycle passes for an acyclic plan', () => {
    expect(rules([ph('1A'), ph('1B', { dependsOn: ['1A'] })])).not.toContain('dependency.cycle');
  });

  it('dependency.unknown: a dependency on a phase not in the plan is a warning', () => {
    const r = planBatches([ph('1A', { dependsOn: ['9Z'] })]);
    expect(r.violations).toMatchObject([{ rule: 'dependency.unknown', severity: 'warning' }]);
  });

  describe('declared batches are respected and their problems reported, not fixed', () => {
    it('keeps a valid declared grouping', () => {
      const r = planBatches([ph('1A', { batch: '1' }), ph('1B', { batch: '2' }), ph('1C', { batch: '1' })]);
      expect(r.batches.map((b) => [b.index, b.phases])).toEqual([
        [1, ['1A', '1C']],
        [2, ['1B']],
      ]);
      expect(r.violations).toEqual([]);
    });

    it('batch.dependency-inside: a declared batch holding a dependency', () => {
      const r = planBatches([ph('1A', { batch: '1' }), ph('1B', { batch: '1', dependsOn: ['1A'] })]);
      expect(r.batches).toHaveLength(1);
      expect(r.violations.map((v) => v.rule)).toEqual(['batch.dependency-inside']);
    });

    it('batch.dependency-order: reader declared before its writer', () => {
      const r = planBatches([ph('1A', { batch: '2' }), ph('1B', { batch: '1', dependsOn: ['1A'] })]);
      expect(r.violations.map((v) => v.rule)).toEqual(['batch.dependency-order']);
    });

    it('cap.implementation: 4 sessions declared in one batch stay there and are flagged', () => {
      const r = planBatches(['1A', '1B', '1C', '1D'].map((id) => ph(id, { batch: 'Batch 1' })));
      expect(r.batches).toHaveLength(1);
      expect(r.violations.map((v) => v.rule)).toEqual(['cap.implementation']);
    });

    it('undeclared phases join the earliest batch that can take them', () => {
      const r = planBatches([ph('1A', { batch: '1' }), ph('2A', { batch: '2', dependsOn: ['1A'] }), ph('X'), ph('Y', { dependsOn: ['1A'] })]);
      expect(r.batches.map((b) => b.phases)).toEqual([
        ['1A', 'X'],
        ['2A', 'Y'],
      ]);
    });

    it('ignoreDeclaredBatches recomputes', () => {
      const r = planBatches([ph('1A', { batch: '2' }), ph('1B', { batch: '1', dependsOn: ['1A'] })], undefined, { ignoreDeclaredBatches: true });
      expect(r.batches.map((b) => b.phases)).toEqual([['1A'], ['1B']]);
      expect(r.violations).toEqual([]);
    });
  });
});

describe('defaultMergeOrder', () => {
  it('orders batch by batch; within a batch, phases others share files with go first', () => {
    const phases = [ph('1A', { files: ['src/a.ts'], batch: '1' }), ph('1B', { files: ['src/shared.ts'], batch: '1' }), ph('1C', { files: ['src/shared.ts'], batch: '1' }), ph('2A', { dependsOn: ['1A'] })];
    const decisions = decideAllPairs(phases);
    const { batches } = planBatches(phases, decisions);
    expect(defaultMergeOrder(batches, decisions)).toEqual({ '1B': 1, '1C': 2, '1A': 3, '2A': 4 });
  });
});

// ---- properties ----------------------------------------------------------------------------

const arbPlan = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          deps: fc.subarray(Array.from({ length: i }, (_, j) => j), { maxLength: Math.min(3, i) }),
          // Occasionally a dependency on any phase (may close a cycle).
          back: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null, freq: 8 }),
          research: fc.boolean(),
          file: fc.constantFrom('src/a.ts', 'src/b.ts', 'src/c', 'db/migrations/1.sql', 'db/migrations/2.sql', 'docs', 'lib/x.ts', 'yarn.lock'),
          separate: fc.boolean(),
          declared: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
        }),
      ),
    ),
  )
  .map((specs) =>
    specs.map((s, i) =>
      makePhaseFacts({
        phase: `P${i}`,
        dependsOn: [...s.deps, ...(s.back === null ? [] : [s.back])].map((j) => `P${j}`),
        readOnlyResearch: s.research,
        files: [s.file],
        outputs: s.research ? [`research/P${i}.md`] : [],
        canUseSeparateBranches: s.separate,
        batch: s.declared === null ? null : String(s.declared),
      }),
    ),
  );

describe('planBatches properties (computed batching)', () => {
  it('never puts a dependent or conflicting pair in one batch, never exceeds the caps, places every phase once', () => {
    fc.assert(
      fc.property(arbPlan, (phases) => {
        const decisions = decideAllPairs(phases);
        const { batches, violations } = planBatches(phases, decisions, { ignoreDeclaredBatches: true });
        const placed = batches.flatMap((b) => b.phases);
        expect(placed.slice().sort()).toEqual(phases.map((p) => p.phase).sort());
        const hasCycle = violations.some((v) => v.rule === 'dependency.cycle');
        const byId = new Map(phases.map((p) => [p.phase, p]));
        const batchOf = new Map(batches.flatMap((b) => b.phases.map((p) => [p, b.index] as const)));
        for (const b of batches) {
          const allResearch = b.phases.every((id) => byId.get(id)?.readOnlyResearch);
          expect(b.phases.length).toBeLessThanOrEqual(allResearch ? MAX_RESEARCH_SESSIONS : MAX_IMPLEMENTATION_SESSIONS);
          for (const x of b.phases) for (const y of b.phases) {
            if (x < y) expect(findDecision(decisions, x, y)?.verdict).not.toBe('SEQUENTIAL');
          }
        }
        if (!hasCycle) {
          for (const p of phases) for (const dep of p.dependsOn) {
            expect(batchOf.get(dep) ?? 0).toBeLessThan(batchOf.get(p.phase) ?? 0);
          }
          expect(violations).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with declared batches: the grouping is kept, and every broken rule is reported', () => {
    fc.assert(
      fc.property(arbPlan, (phases) => {
        const decisions = decideAllPairs(phases);
        const { batches, violations } = planBatches(phases, decisions);
        const batchOf = new Map(batches.flatMap((b) => b.phases.map((p) => [p, b.index] as const)));
        for (const p of phases) if (p.batch !== null) expect(batchOf.get(p.phase)).toBe(Number(p.batch));
        const hasCycle = violations.some((v) => v.rule === 'dependency.cycle');
        for (const b of batches) {
          const allResearch = b.phases.every((id) => phases.find((p) => p.phase === id)?.readOnlyResearch);
          if (b.phases.length > (allResearch ? MAX_RESEARCH_SESSIONS : MAX_IMPLEMENTATION_SESSIONS)) {
            expect(violations.some((v) => v.rule.startsWith('cap.') && v.where.batch === b.index)).toBe(true);
          }
          for (const x of b.phases) for (const y of b.phases) {
            if (x < y && findDecision(decisions, x, y)?.verdict === 'SEQUENTIAL' && !hasCycle) {
              expect(violations.some((v) => (v.rule === 'batch.dependency-inside' || v.rule === 'batch.conflict-inside') && v.where.batch === b.index)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
