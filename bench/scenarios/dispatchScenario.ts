import { parsePlan } from '../../electron/core/plans/parsePlan';
import { dispatchBasis, evaluateDispatch } from '../../electron/core/plans/service/evaluateDispatch';

/**
 * Scenario 10: big master plans through the Dispatch view's path (parse → dispatchBasis →
 * evaluateDispatch, then one more evaluateDispatch as an edit would). Plans of 300, 1,000 and
 * 10,000 phases: the engine used to scan every decision for every pair (300 phases blocked the
 * event loop over 2 minutes; a 1 MB plan ran out of memory).
 */

export interface DispatchScaleRun {
  phases: number;
  planKb: number;
  parseMs: number;
  basisMs: number;
  evaluateMs: number;
  editMs: number;
  decisionsKept: number;
  parallelOkOmitted: number;
  phasesOmitted: number;
  batches: number;
  rssMb: number;
}

/** A master plan of `n` phases as people write them: an Issue Registry, a Phase Map and Key Files. */
export function bigMasterPlan(n: number): string {
  const id = (i: number): string => `${Math.floor(i / 3) + 1}${String.fromCharCode(65 + (i % 3))}`;
  const link = (i: number): string => `[CIA-${1000 + i}](https://linear.app/claudian/issue/CIA-${1000 + i})`;
  const registry: string[] = [];
  const phaseMap: string[] = [];
  const keyFiles: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const exec = i % 7 === 6 ? 'spike' : i % 2 === 0 ? 'tdd' : 'pair';
    // Every fifth phase reads the previous one's output; every tenth shares a file with the next.
    const deps = i % 5 === 4 ? id(i - 1) : 'None';
    registry.push(`| ${link(i)} | Work item ${i} | Todo | ${exec} | 2 | ${i % 5 === 4 ? `CIA-${999 + i}` : 'None'} |`);
    phaseMap.push(`| ${id(i)} | ${link(i)} | Work item ${i} in \`src/mod${i % 40}/item${i}.ts\` | | ${deps} |`);
    if (i % 10 === 0 && i + 1 < n) keyFiles.push(`| \`src/shared/s${i}.ts\` | ${id(i)} and ${id(i + 1)} both edit |`);
    if (i % 25 === 0 && i + 1 < n) keyFiles.push(`| \`api/spec${i}.yaml\` | ${id(i)} writes the API spec; ${id(i + 1)} reads it |`);
  }
  return [
    '# Big master plan',
    '',
    '**Parent issue:** [CIA-999: Big master plan](https://linear.app/claudian/issue/CIA-999)',
    '**Date:** 2026-12-01',
    '',
    '## Issue Registry',
    '',
    '| ID | Title | Status | Exec | Est | Depends On |',
    '|----|-------|--------|------|-----|------------|',
    ...registry,
    '',
    '## Phase Map',
    '',
    '| Phase | Issues | Focus | Batch | Dependencies |',
    '|-------|--------|-------|-------|--------------|',
    ...phaseMap,
    '',
    '## Key Files',
    '',
    '| File | Purpose |',
    '|------|---------|',
    ...keyFiles,
    '',
  ].join('\n');
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, Math.round(performance.now() - t0)];
}

export function runDispatchScale(phases: number, text: string = bigMasterPlan(phases)): DispatchScaleRun {
  const [plan, parseMs] = timed(() => parsePlan(text, '/plans/2026-12-01-ccc-big-plan.md'));
  const [basis, basisMs] = timed(() => dispatchBasis(plan, text, ['/repo']));
  const [, evaluateMs] = timed(() => evaluateDispatch(basis));
  const first = basis.draft.rows[0];
  const [, editMs] = timed(() => evaluateDispatch(basis, first ? { rows: { [first.session]: { mode: 'pair' } } } : {}));
  return {
    phases: plan.phases.length,
    planKb: Math.round(Buffer.byteLength(text) / 1024),
    parseMs,
    basisMs,
    evaluateMs,
    editMs,
    decisionsKept: basis.draft.decisions.length,
    parallelOkOmitted: basis.draft.omitted?.parallelOkPairs ?? 0,
    phasesOmitted: basis.draft.omitted?.phases ?? 0,
    batches: basis.draft.batches.length,
    rssMb: Math.round(process.memoryUsage().rss / (1024 * 1024)),
  };
}

/** 300, 1,000 and 10,000 phases (quick: 300 and 1,000; parsing 10,000 phases alone takes minutes here). */
export function runDispatchScenario(sizes: readonly number[], log: (line: string) => void): DispatchScaleRun[] {
  const out: DispatchScaleRun[] = [];
  for (const n of sizes) {
    const r = runDispatchScale(n);
    log(`  ${n.toLocaleString('en')} phases (${r.planKb.toLocaleString('en')} KB): parse ${r.parseMs} ms, basis ${r.basisMs} ms, evaluate ${r.evaluateMs} ms, edit ${r.editMs} ms; ${r.decisionsKept} decisions kept, ${r.parallelOkOmitted} PARALLEL OK left out, ${r.phasesOmitted} phases over the cap; RSS ${r.rssMb} MB`);
    out.push(r);
  }
  return out;
}
