import { describe, expect, it } from 'vitest';
import { demoMasterPlan } from '../../demo/demoPlan';
import { decideAllPairs } from '../../dispatch';
import { fixture, RULEBOOK } from '../fixtures';
import { parsePlan } from '../parsePlan';
import { pathsIn, planPhaseFacts } from './planPhaseFacts';

const rulebook = planPhaseFacts(parsePlan(fixture(RULEBOOK), '/plans/rulebook-examples.md'));
const demo = planPhaseFacts(parsePlan(demoMasterPlan({ date: '2026-03-01', repoPath: '/r' }), '/plans/2026-03-01-ccc-dispatch-console.md'));
const byId = (list: typeof demo, id: string) => {
  const found = list.find((p) => p.phase === id);
  if (!found) throw new Error(`no phase ${id}`);
  return found;
};

describe('planPhaseFacts: the rule book examples', () => {
  it.each([
    // phase, issue, depends on, parallel with, exec, agent, cost, status
    ['1A', 'CIA-413', [], [], 'pair', 'Claude Code', 5, 'Done'],
    ['1B', 'CIA-387', [], ['1A'], 'pair', 'Tembo', 3, 'Active'],
    ['2', 'CIA-414', ['1A', '1B'], [], 'tdd', 'Claude Code', 8, null],
  ] as const)('%s → %s, depends on %j, parallel with %j, %s by %s at $%d', (phase, issue, deps, parallel, exec, agent, cost, status) => {
    const p = byId(rulebook, phase);
    expect(p.issueIds).toEqual([issue]);
    expect(p.dependsOn).toEqual(deps);
    expect(p.parallelWith).toEqual(parallel);
    expect(p.exec).toBe(exec);
    expect(p.agent).toBe(agent);
    expect(p.estCostUsd).toBe(cost);
    expect(p.status).toBe(status);
  });

  it('phase 2 waits for 1A and 1B; 1A and 1B may run together', () => {
    const verdicts = Object.fromEntries(decideAllPairs(rulebook).map((d) => [`${d.a}-${d.b}`, d.verdict]));
    expect(verdicts['1A-2']).toBe('SEQUENTIAL');
    expect(verdicts['1B-2']).toBe('SEQUENTIAL');
    expect(verdicts['1A-1B']).toBe('PARALLEL_OK');
  });
});

describe('planPhaseFacts: the demo master plan', () => {
  it.each([
    ['1A', ['skills/session-exit/SKILL.md'], [], 'Done', false],
    ['1B', ['skills/dispatch/rules.md', 'commands/go.md'], [], 'Active', false],
    ['1C', ['commands/go.md', 'skills/review/gates.md'], [], 'Active', false],
    ['1D', [], [], null, true],
    ['2A', ['CHANGELOG.md'], ['1B', '1C'], null, false],
    ['2B', ['CHANGELOG.md'], ['1A'], null, false],
  ] as const)('%s names files %j, depends on %j, status %s, research %s', (phase, files, deps, status, research) => {
    const p = byId(demo, phase);
    expect(p.files).toEqual(files);
    expect(p.dependsOn).toEqual(deps);
    expect(p.status).toBe(status);
    expect(p.readOnlyResearch).toBe(research);
  });

  it('Issue Registry "Depends On" issue ids become phase dependencies', () => {
    const plan = parsePlan(
      ['## Issue Registry', '| ID | Title | Status | Exec | Est | Depends On |', '|---|---|---|---|---|---|', '| CIA-1 | A | Todo | tdd | 1 | None |', '| CIA-2 | B | Todo | exec:quick | 1 | CIA-1 |', '', '## Phase Map', '| Phase | Issues | Focus | Batch | Dependencies |', '|---|---|---|---|---|', '| 1A | CIA-1 | A | 1 | None |', '| 2A | CIA-2 | B | 2 | None |', ''].join('\n'),
      '/p.md',
    );
    const facts = planPhaseFacts(plan);
    expect(byId(facts, '2A').dependsOn).toEqual(['1A']);
    expect(byId(facts, '2A').exec).toBe('quick');
  });

  it('an unknown exec label keeps the raw text and no mode (the checker flags it)', () => {
    const plan = parsePlan(['## Issue Registry', '| ID | Title | Status | Exec | Est | Depends On |', '|---|---|---|---|---|---|', '| CIA-1 | A | Todo | yolo | 1 | None |', '', '## Phase Map', '| Phase | Issues | Focus | Batch | Dependencies |', '|---|---|---|---|---|', '| 1A | CIA-1 | A | 1 | None |', ''].join('\n'), '/p.md');
    const [p] = planPhaseFacts(plan);
    expect(p?.exec).toBeNull();
    expect(p?.execRaw).toBe('yolo');
  });

  it('prompt material is filled so the §4 template has no hole', () => {
    const p = byId(demo, '2A');
    expect(p.context.length).toBeGreaterThanOrEqual(3);
    expect(p.context.length).toBeLessThanOrEqual(5);
    expect(p.tasks.length).toBeGreaterThan(0);
    expect(p.deliverable).toContain('Merge console');
  });
});

describe('pathsIn', () => {
  it.each([
    ['Edit `src/db/schema.sql` and docs', ['src/db/schema.sql']],
    ['touch electron/core/plans and README.md', ['electron/core/plans', 'README.md']],
    ['Review gates in /go', []],
    ['Session exit skill', []],
  ])('%s → %j', (text, expected) => expect(pathsIn(text)).toEqual(expected));
});
