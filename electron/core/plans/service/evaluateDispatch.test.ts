import { describe, expect, it } from 'vitest';
import { parsePlan } from '../parsePlan';
import { dispatchBasis, evaluateDispatch } from './evaluateDispatch';

// Two phases touching different files under deploy/: independent by the rule book's default
// patterns, shared infrastructure once the person lists `deploy/**` in Settings.
const PLAN = `# Deploy work

**Parent issue:** [CIA-700: Deploy work](https://linear.app/claudian/issue/CIA-700)

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | [CIA-701](https://linear.app/claudian/issue/CIA-701) | Staging deploy | 1 | None |
| 1B | [CIA-702](https://linear.app/claudian/issue/CIA-702) | Production deploy | 1 | None |

## Key Files

| File | Purpose |
|------|---------|
| \`deploy/staging.yml\` | 1A: staging |
| \`deploy/production.yml\` | 1B: production |
`;

describe('dispatch evaluation with Settings → shared infrastructure patterns', () => {
  const plan = parsePlan(PLAN, '/plans/2026-11-25-ccc-deploy.md');

  it('lets the two phases run in parallel with the default patterns', () => {
    const basis = dispatchBasis(plan, PLAN, []);
    const pair = basis.draft.decisions.find((d) => [d.a, d.b].sort().join() === '1A,1B');
    expect(pair?.verdict).toBe('PARALLEL_OK');
    expect(evaluateDispatch(basis).violations.filter((v) => v.rule.startsWith('batch.') && v.severity === 'error')).toEqual([]);
  });

  it('makes them sequential, and flags the shared batch, once deploy/** counts as shared infrastructure', () => {
    const basis = dispatchBasis(plan, PLAN, [], { extraInfraPatterns: ['deploy/**'] });
    const pair = basis.draft.decisions.find((d) => [d.a, d.b].sort().join() === '1A,1B');
    expect(pair?.verdict).toBe('SEQUENTIAL');
    expect(pair?.sharedInfrastructure.length).toBeGreaterThan(0);
    // The declared batch 1 now holds a pair that must not run in parallel; edits keep the same rules.
    const evaluation = evaluateDispatch(basis, { rows: {} });
    expect(evaluation.violations.some((v) => v.severity === 'error' && (v.where.phases ?? []).includes('1A') && (v.where.phases ?? []).includes('1B'))).toBe(true);
  });
});
