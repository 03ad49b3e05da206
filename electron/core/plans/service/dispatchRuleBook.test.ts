import { describe, expect, it } from 'vitest';
import { batchReadiness, buildDispatchDraft, parsePromptModeLine, readinessViolation } from '../../dispatch';
import { parsePlan } from '../parsePlan';
import { dispatchBasis, evaluateDispatch, type DispatchBasis } from './evaluateDispatch';
import { planPhaseFacts, planPhaseFactsWithProblems } from './planPhaseFacts';

/**
 * The rule book (§1, §2) decided from what a plan file says: every case is a plan as a person
 * writes it, run through the Dispatch view's path (parse → dispatchBasis → evaluateDispatch).
 */

const PATH = '/plans/2026-12-01-ccc-rulebook-cases.md';
const link = (id: string): string => `[${id}](https://linear.app/claudian/issue/${id})`;
const HEADER = `# Rule book cases

**Parent issue:** ${link('CIA-900')}
**Date:** 2026-12-01
`;

/**
 * The view's path. `dispatchBasis` does not hand the plan text to planPhaseFacts yet, which the
 * `## Dispatch Facts` section needs: for plans with that section, the same path with the text.
 */
function basisOf(md: string): DispatchBasis {
  const plan = parsePlan(md, PATH);
  const basis = dispatchBasis(plan, md, ['/repo']);
  if (!/^## Dispatch Facts/m.test(md)) return basis;
  const facts = planPhaseFacts(plan, md);
  return { ...basis, facts, draft: buildDispatchDraft(facts, basis.master, { costProfile: null, extraInfraPatterns: [] }) };
}

const pair = (basis: DispatchBasis, x: string, y: string) => {
  const d = basis.draft.decisions.find((p) => (p.a === x && p.b === y) || (p.a === y && p.b === x));
  if (!d) throw new Error(`no decision for ${x}/${y}`);
  return d;
};

/** Two phases 1A and 1B in a Phase Map, plus whatever sections the case adds. */
function twoPhases(rest: string, phaseMap = `| 1A | ${link('CIA-901')} | Parser | | None |\n| 1B | ${link('CIA-902')} | Writer | | None |`): string {
  return `${HEADER}
## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
| ${link('CIA-901')} | Parser | Todo | tdd | 3 | None |
| ${link('CIA-902')} | Writer | Todo | tdd | 3 | None |

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
${phaseMap}

${rest}
`;
}

const SHARED_FILE = `## Key Files

| File | Purpose |
|------|---------|
| \`src/plan.ts\` | 1A and 1B both edit |
`;

interface TreeCase {
  name: string;
  plan: string;
  verdict: 'SEQUENTIAL' | 'PARALLEL_WITH_BRANCH_STRATEGY' | 'PARALLEL_OK';
  order?: 'a-before-b' | 'b-before-a' | null;
  /** Each must appear in the decision's path: the fact that decided it, in the plan's words. */
  path: string[];
}

const treeCases: TreeCase[] = [
  // Does B read A's output?
  {
    name: 'Key Files: "1A writes the API spec; 1B reads it" → SEQUENTIAL, 1B waits',
    plan: twoPhases('## Key Files\n\n| File | Purpose |\n|------|---------|\n| `api/spec.yaml` | 1A writes the API spec; 1B reads it |\n'),
    verdict: 'SEQUENTIAL',
    order: 'a-before-b',
    path: ["Does 1B read 1A's output? Yes: Key Files: `api/spec.yaml` — 1A writes, 1B reads", 'SEQUENTIAL (1B waits for 1A)'],
  },
  {
    name: 'Key Files: the reader named first ("used by 1A; 1B generates it") → 1A waits for 1B',
    plan: twoPhases('## Key Files\n\n| File | Purpose |\n|------|---------|\n| `schema/types.json` | used by 1A; 1B generates it |\n'),
    verdict: 'SEQUENTIAL',
    order: 'b-before-a',
    path: ['Key Files: `schema/types.json` — 1B writes, 1A reads', 'SEQUENTIAL (1A waits for 1B)'],
  },
  {
    name: 'Issue Registry "Depends On" an issue of the other phase → SEQUENTIAL',
    plan: twoPhases('').replace(`| ${link('CIA-902')} | Writer | Todo | tdd | 3 | None |`, `| ${link('CIA-902')} | Writer | Todo | tdd | 3 | CIA-901 |`),
    verdict: 'SEQUENTIAL',
    order: 'a-before-b',
    path: ['Issue Registry: CIA-902 Depends On CIA-901 (phase 1A)'],
  },
  {
    name: 'Phase Map Dependencies → SEQUENTIAL, naming the cell',
    plan: twoPhases('', `| 1A | ${link('CIA-901')} | Parser | | None |\n| 1B | ${link('CIA-902')} | Writer | | 1A |`),
    verdict: 'SEQUENTIAL',
    order: 'a-before-b',
    path: ['Phase Map: 1B Dependencies "1A"'],
  },
  {
    name: 'Dispatch Facts "1B: reads output of: 1A" where the tables are silent → SEQUENTIAL',
    plan: twoPhases('## Dispatch Facts\n\n- 1B: reads output of: 1A\n'),
    verdict: 'SEQUENTIAL',
    order: 'a-before-b',
    path: ['Dispatch Facts: 1B: reads output of: 1A (line'],
  },
  // Same files → can they work on separate branches?
  {
    name: 'same file, both (direct main) in the Session Registry → SEQUENTIAL',
    plan: twoPhases(`${SHARED_FILE}
## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| (direct main) | ${link('CIA-901')} | 1A | Claude Code | no | | Active |
| (direct main) | ${link('CIA-902')} | 1B | Claude Code | no | | Active |
`),
    verdict: 'SEQUENTIAL',
    path: [
      'Do both touch the same files or directories? Yes: src/plan.ts (Key Files: `src/plan.ts` — "1A and 1B both edit")',
      'Can they work on separate branches? No — both work on branch `main` (Session Registry: 1A runs as (direct main); Session Registry: 1B runs as (direct main))',
    ],
  },
  {
    name: 'same file, both Worktree: no in the dispatch table → SEQUENTIAL',
    plan: twoPhases(`${SHARED_FILE}
## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| S-A | ${link('CIA-901')} | Parser | tdd | ~$3 | Claude Code | no |
| S-B | ${link('CIA-902')} | Writer | tdd | ~$3 | Claude Code | no |
`),
    verdict: 'SEQUENTIAL',
    path: ['dispatch table: S-A Worktree: no (the main checkout)', 'dispatch table: S-B Worktree: no'],
  },
  {
    name: 'same file, both on Branch main in the dispatch table → SEQUENTIAL',
    plan: twoPhases(`${SHARED_FILE}
## Dispatch

| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch |
|---------|-------|-------|------|-----------|-------|--------|
| S-A | ${link('CIA-901')} | Parser | tdd | ~$3 | Claude Code | main |
| S-B | ${link('CIA-902')} | Writer | tdd | ~$3 | Claude Code | main |
`),
    verdict: 'SEQUENTIAL',
    path: ['both work on branch `main`', 'dispatch table: S-A Branch `main`'],
  },
  {
    name: 'same file, dispatch rows without issue links found by their Session label (the phase id), both on main → SEQUENTIAL',
    plan: twoPhases(`${SHARED_FILE}
## Dispatch

| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch |
|---------|-------|-------|------|-----------|-------|--------|
| 1A | | Parser | tdd | ~$3 | Claude Code | main |
| 1B | | Writer | tdd | ~$3 | Claude Code | main |
`),
    verdict: 'SEQUENTIAL',
    path: ['dispatch table: 1A Branch `main`', 'dispatch table: 1B Branch `main`'],
  },
  {
    name: 'same file, "(direct main)" written in both Phase Map focus cells → SEQUENTIAL',
    plan: twoPhases(SHARED_FILE, `| 1A | ${link('CIA-901')} | Parser (direct main) | | None |\n| 1B | ${link('CIA-902')} | Writer (direct main) | | None |`),
    verdict: 'SEQUENTIAL',
    path: ['Phase Map: 1A says (direct main)'],
  },
  {
    name: 'same file, each on its own declared branch → PARALLEL with branch strategy',
    plan: twoPhases(`${SHARED_FILE}
## Dispatch

| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch |
|---------|-------|-------|------|-----------|-------|--------|
| S-A | ${link('CIA-901')} | Parser | tdd | ~$3 | Claude Code | claude/cia-901-parser |
| S-B | ${link('CIA-902')} | Writer | tdd | ~$3 | Claude Code | main |
`),
    verdict: 'PARALLEL_WITH_BRANCH_STRATEGY',
    path: ['Can they work on separate branches? Yes — 1A works on `claude/cia-901-parser`, 1B on `main`'],
  },
  {
    name: 'same file, nothing said about branches → PARALLEL with branch strategy, saying why',
    plan: twoPhases(SHARED_FILE),
    verdict: 'PARALLEL_WITH_BRANCH_STRATEGY',
    path: ['Yes — no statement puts them on one branch'],
  },
  {
    name: 'Dispatch Facts "1A, 1B: separate branches: no" → SEQUENTIAL, quoting the line',
    plan: twoPhases(`${SHARED_FILE}\n## Dispatch Facts\n\n- 1A, 1B: separate branches: no\n`),
    verdict: 'SEQUENTIAL',
    path: ['Can they work on separate branches? No — Dispatch Facts: 1A, 1B: separate branches: no (line'],
  },
  {
    name: 'Dispatch Facts "separate branches: yes" overrides both being on main',
    plan: twoPhases(`${SHARED_FILE}
## Dispatch

| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch |
|---------|-------|-------|------|-----------|-------|--------|
| S-A | ${link('CIA-901')} | Parser | tdd | ~$3 | Claude Code | main |
| S-B | ${link('CIA-902')} | Writer | tdd | ~$3 | Claude Code | main |

## Dispatch Facts

- 1A and 1B: separate branches: yes
`),
    verdict: 'PARALLEL_WITH_BRANCH_STRATEGY',
    path: ['Yes — Dispatch Facts: 1A and 1B: separate branches: yes'],
  },
  {
    name: 'Dispatch Facts "1B: separate branches: no" (it cannot branch at all) → SEQUENTIAL',
    plan: twoPhases(`${SHARED_FILE}\n## Dispatch Facts\n\n- 1B: separate branches: no\n`),
    verdict: 'SEQUENTIAL',
    path: ['No — Dispatch Facts: 1B: separate branches: no'],
  },
  // Shared infrastructure, and the all-clear.
  {
    name: 'two migrations named in Key Files → SEQUENTIAL (shared infrastructure)',
    plan: twoPhases('## Key Files\n\n| File | Purpose |\n|------|---------|\n| `db/migrations/001_users.sql` | 1A: users table |\n| `db/migrations/002_orgs.sql` | 1B: orgs table |\n'),
    verdict: 'SEQUENTIAL',
    path: ['Do both modify shared infrastructure? Yes: database'],
  },
  {
    name: 'different files, no dependency → PARALLEL OK',
    plan: twoPhases('## Key Files\n\n| File | Purpose |\n|------|---------|\n| `src/parser.ts` | 1A: parser |\n| `src/writer.ts` | 1B: writer |\n'),
    verdict: 'PARALLEL_OK',
    path: ['PARALLEL OK'],
  },
];

describe('§1 decision tree, decided from what the plan says', () => {
  it.each(treeCases)('$name', (c) => {
    const basis = basisOf(c.plan);
    const d = pair(basis, '1A', '1B');
    expect(d.verdict).toBe(c.verdict);
    if (c.order !== undefined) expect(d.order).toBe(c.order);
    const words = d.path.join(' → ');
    for (const p of c.path) expect(words).toContain(p);
  });

  it('a SEQUENTIAL pair declared in one batch is flagged on evaluation, naming the fact', () => {
    const md = twoPhases(`${SHARED_FILE}\n## Dispatch Facts\n\n- 1A, 1B: separate branches: no\n`, `| 1A | ${link('CIA-901')} | Parser | 1 | None |\n| 1B | ${link('CIA-902')} | Writer | 1 | None |`);
    const v = evaluateDispatch(basisOf(md)).violations.filter((x) => x.rule === 'batch.conflict-inside');
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toContain('cannot use separate branches');
  });

  it('undeclared, the SEQUENTIAL pair lands in consecutive batches', () => {
    const basis = basisOf(twoPhases(`${SHARED_FILE}\n## Dispatch Facts\n\n- 1A, 1B: separate branches: no\n`));
    expect(basis.draft.batches.map((b) => b.phases)).toEqual([['1A'], ['1B']]);
  });

  it('unreadable Dispatch Facts lines come back as warnings, none is dropped silently', () => {
    const md = twoPhases('## Dispatch Facts\n\n- 1A, 1B: separate branches: maybe\n- 1Z: research: yes\n- 1A likes 1B\n- 1A: colour: blue\n');
    const { problems } = planPhaseFactsWithProblems(parsePlan(md, PATH), md);
    expect(problems.map((p) => [p.rule, p.severity])).toEqual(Array(4).fill(['facts.unreadable', 'warning']));
    expect(problems.map((p) => p.message).join('\n')).toMatch(/takes yes or no[\s\S]*1Z, which is not a phase[\s\S]*is not "<phases>: <fact>: <value>"[\s\S]*"colour" is not a dispatch fact/);
  });
});

// ── §1 batches of 2-3 ───────────────────────────────────────────────────────────────────────

/** A plan of `n` independent phases, no batch declared: the engine groups them. */
function independentPhases(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => `1${String.fromCharCode(65 + i)}`);
  return `${HEADER}
## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
${ids.map((id, i) => `| ${id} | ${link(`CIA-${910 + i}`)} | Work \`src/m${i}.ts\` | | None |`).join('\n')}
`;
}

describe('§1 "group them into batches of 2-3"', () => {
  it.each([
    [1, [1]],
    [3, [3]],
    [4, [2, 2]],
    [5, [3, 2]],
    [7, [3, 2, 2]],
    [9, [3, 3, 3]],
  ])('%i parallel phases → batches of %j', (n, sizes) => {
    const basis = basisOf(independentPhases(n));
    expect(basis.draft.batches.map((b) => b.phases.length)).toEqual(sizes);
    expect(evaluateDispatch(basis).violations.filter((v) => v.rule.startsWith('cap.'))).toEqual([]);
  });
});

// ── §1 research tracks ──────────────────────────────────────────────────────────────────────

function researchPlan(rows: readonly [string, string, string, string][], extra = ''): string {
  return `${HEADER}
## Issue Registry

| ID | Title | Status | Exec | Est | Depends On |
|----|-------|--------|------|-----|------------|
${rows.map(([, issue, focus, exec]) => `| ${link(issue)} | ${focus} | Todo | ${exec} | 2 | None |`).join('\n')}

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
${rows.map(([phase, issue, focus]) => `| ${phase} | ${link(issue)} | ${focus} | 1 | None |`).join('\n')}
${extra}`;
}

const PIPELINE: [string, string, string, string][] = [
  ['R1', 'CIA-931', 'S2 discovery', 'spike'],
  ['R2', 'CIA-932', 'arXiv discovery', 'spike'],
  ['R3', 'CIA-933', 'OpenAlex discovery', 'spike'],
  ['R4', 'CIA-934', 'Supplementary sources', 'spike'],
  ['R5', 'CIA-935', 'Zotero review', 'spike'],
];

describe('§1 research tracks, from what the plan declares', () => {
  it("the rule book's standard pipeline (3 discovery sources + supplementary + Zotero review) is one research batch of 5", () => {
    const basis = basisOf(researchPlan(PIPELINE));
    expect(basis.draft.batches).toEqual([{ index: 1, phases: ['R1', 'R2', 'R3', 'R4', 'R5'], kind: 'research' }]);
    const v = evaluateDispatch(basis).violations;
    expect(v.filter((x) => x.rule.startsWith('cap.'))).toEqual([]);
    expect(basis.draft.rows.every((r) => r.research === true && r.launchAs === 'Bypass permissions')).toBe(true);
    expect(basis.draft.rows[4]?.researchWhy).toBe('exec:spike, Focus names research ("Zotero") and no code changes');
  });

  it.each([
    ['type:research label on a pair phase', 'Literature scan', 'pair, type:research', true, 'label type:research'],
    ['spike that fixes code (an investigation with code changes)', 'Investigate flaky merge test and fix it', 'spike', false, 'says "fix"'],
    ['spike (analysis-only)', 'Queue options', 'spike (analysis-only)', true, 'exec:spike with no code/file changes'],
    ['spike without a research statement', 'Prototype the tray icon', 'spike', false, 'no research stated'],
    ['tdd implementation', 'Parser', 'tdd', false, 'exec:tdd is implementation work'],
  ])('%s → research %s, with the reason', (_name, focus, exec, research, why) => {
    const basis = basisOf(researchPlan([['1A', 'CIA-941', focus, exec]]));
    const row = basis.draft.rows[0];
    expect(row?.research).toBe(research);
    expect(row?.researchWhy).toContain(why);
  });

  it('an override in Dispatch Facts wins over the plan tables, and says so', () => {
    const basis = basisOf(researchPlan([['1A', 'CIA-941', 'S2 discovery', 'spike']], '\n## Dispatch Facts\n\n- 1A: research: no\n'));
    expect(basis.draft.rows[0]?.research).toBe(false);
    expect(basis.draft.rows[0]?.researchWhy).toContain('Dispatch Facts: 1A: research: no');
  });

  const six: [string, string, string, string][] = [...PIPELINE, ['R6', 'CIA-936', 'HuggingFace discovery', 'spike']];
  it('6 research tracks in one batch without written justification → error', () => {
    const v = evaluateDispatch(basisOf(researchPlan(six))).violations.filter((x) => x.rule === 'cap.research');
    expect(v.map((x) => x.severity)).toEqual(['error']);
    expect(v[0]?.message).toContain('- Batch 1: justification:');
  });

  it('with the written justification (Dispatch Facts, or a Justification line by the table) the rule is met', () => {
    const facts = evaluateDispatch(basisOf(researchPlan(six, '\n## Dispatch Facts\n\n- Batch 1: justification: HuggingFace is a sixth source the spike asks for\n'))).violations;
    expect(facts.filter((x) => x.rule === 'cap.research')).toEqual([]);
    const line = evaluateDispatch(basisOf(researchPlan(six, '\n**Justification for 6 tracks:** HuggingFace is a sixth source the spike asks for.\n'))).violations;
    expect(line.filter((x) => x.rule === 'cap.research')).toEqual([]);
  });

  it('mixing in one implementation phase applies the 3 cap and names what is not research', () => {
    const v = evaluateDispatch(basisOf(researchPlan([...PIPELINE.slice(0, 3), ['1A', 'CIA-951', 'Parser', 'tdd']]))).violations.filter((x) => x.rule === 'cap.mixed');
    expect(v[0]?.message).toContain('Not research: 1A (exec:tdd is implementation work)');
  });

  function costPlan(cost: string): string {
    return `${researchPlan([['R1', 'CIA-931', 'S2 discovery', 'spike']])}
## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('CIA-931')} | S2 discovery | spike | ${cost} | Claude Code | no |
`;
  }

  it('cost model: a research estimate at implementation price gets the ×2-4 range and a warning', () => {
    const basis = basisOf(costPlan('~$3'));
    expect(basis.draft.rows[0]?.researchCostRangeUsd).toEqual([6, 12]);
    const v = evaluateDispatch(basis).violations.filter((x) => x.rule === 'cost.research');
    expect(v[0]?.message).toContain('expect ~$6–$12');
  });

  it.each(['~$6–12', '~$3 ×2-4 MCP', '$9 (3x)'])('cost model: an estimate written as %s already applies it', (cost) => {
    const basis = basisOf(costPlan(cost));
    expect(basis.draft.rows[0]?.researchCostRangeUsd).toBeUndefined();
    expect(evaluateDispatch(basis).violations.filter((x) => x.rule === 'cost.research')).toEqual([]);
  });
});

// ── §2 analysis-only override ───────────────────────────────────────────────────────────────

describe('§2 launch mode: analysis-only is Bypass permissions whatever the exec mode; investigations with code are Plan mode', () => {
  it.each([
    ['Exec column "spike (analysis-only)"', 'Queue library options', 'spike (analysis-only)', 'spike', 'Bypass permissions', true],
    ['pair whose deliverable is a recommendation', 'Recommend a queue library (Deliverable: recommendation)', 'pair', 'pair', 'Bypass permissions', true],
    ['checkpoint evaluation with no code changes', 'Evaluate retry policies (no code changes)', 'checkpoint', 'checkpoint', 'Bypass permissions', true],
    ['spike investigation that changes code', 'Investigate watcher latency and fix the debounce', 'spike', 'spike', 'Plan mode', false],
    ['spike producing artifacts (docs)', 'Prototype notes in `docs/tray.md`', 'spike', 'spike', 'Bypass permissions', false],
    ['pair implementation', 'Implement the merge queue', 'pair', 'pair', 'Plan mode', false],
  ])('%s → %s', (_name, focus, exec, mode, launchAs, analysisOnly) => {
    const basis = basisOf(researchPlan([['1A', 'CIA-961', focus, exec]]));
    const row = basis.draft.rows[0];
    expect([row?.mode, row?.launchAs, row?.analysisOnly]).toEqual([mode, launchAs, analysisOnly]);
    expect(evaluateDispatch(basis).violations.filter((v) => v.rule === 'launch.mapping' || v.rule === 'exec.unknown')).toEqual([]);
  });

  it('the dispatch table Mode cell "spike (analysis-only)" parses, and the prompt line reads back', () => {
    const md = `${researchPlan([['1A', 'CIA-961', 'Queue library options', 'tdd']])}
## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('CIA-961')} | Queue library options | spike (analysis-only) | ~$2 | Claude Code | no |
`;
    const basis = basisOf(md);
    const evaluation = evaluateDispatch(basis);
    const prompt = evaluation.prompts['1A']?.text ?? '';
    expect(prompt).toContain('Execution mode: spike (analysis-only) | Launch as: Bypass permissions | Worktree: no');
    // The analysis is the deliverable: the prompt asks for no implementation.
    expect(prompt).toContain('Investigate and write up: Queue library options.');
    expect(prompt).not.toContain('Implement:');
    expect(parsePromptModeLine(prompt)).toEqual({ exec: 'spike', analysisOnly: true, launchAs: 'Bypass permissions', worktree: 'no' });
    expect(parsePromptModeLine('**Exec mode:** spike (analysis-only) | **Launch as:** Bypass permissions')).toEqual({ exec: 'spike', analysisOnly: true, launchAs: 'Bypass permissions', worktree: null });
    expect(evaluation.violations.filter((v) => v.rule === 'exec.unknown')).toEqual([]);
  });

  it('Dispatch Facts "produces code: no" makes a tdd phase analysis-only', () => {
    const basis = basisOf(researchPlan([['1A', 'CIA-961', 'Parser review', 'tdd']], '\n## Dispatch Facts\n\n- 1A: produces code: no\n'));
    expect(basis.draft.rows[0]).toMatchObject({ mode: 'tdd', analysisOnly: true, launchAs: 'Bypass permissions' });
  });
});

// ── Big plans ───────────────────────────────────────────────────────────────────────────────

describe('big plans: the engine evaluates at most MAX_EVALUATED_PHASES phases and keeps the decisions that matter', () => {
  // 350 phases, chained in threes, two neighbours sharing a file every tenth phase.
  const n = 350;
  const id = (i: number): string => `P${i + 1}`;
  const md = `${HEADER}
## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
${Array.from({ length: n }, (_, i) => `| ${id(i)} | ${link(`CIA-${2000 + i}`)} | Edit \`src/m${i % 10 === 1 ? i - 1 : i}.ts\` | | ${i % 3 === 2 ? id(i - 1) : 'None'} |`).join('\n')}
`;
  const basis = basisOf(md);
  const evaluation = evaluateDispatch(basis);

  it('says how many phases it left out, and which ones it evaluated', () => {
    const size = evaluation.violations.filter((v) => v.rule === 'plan.size');
    expect(size).toHaveLength(1);
    expect(size[0]?.message).toContain('The plan has 350 phases; only the first 300 (P1 … P300) are evaluated');
    expect(basis.draft.omitted?.phases).toBe(50);
    expect(basis.draft.batches.flatMap((b) => b.phases).sort()).toEqual(Array.from({ length: 300 }, (_, i) => id(i)).sort());
    expect(evaluation.rows).toHaveLength(300);
  });

  it('keeps every pair that constrains something, and counts the PARALLEL OK ones', () => {
    const kept = basis.draft.decisions;
    expect(kept.every((d) => d.verdict !== 'PARALLEL_OK')).toBe(true);
    expect(kept.length + (basis.draft.omitted?.parallelOkPairs ?? 0)).toBe((300 * 299) / 2);
    // P3 reads P2 (Phase Map), P1/P2 share src/m0.ts.
    expect(pair(basis, 'P2', 'P3').verdict).toBe('SEQUENTIAL');
    expect(pair(basis, 'P1', 'P2').verdict).toBe('PARALLEL_WITH_BRANCH_STRATEGY');
    expect(basis.draft.batches.every((b) => b.phases.length <= 3)).toBe(true);
    expect(evaluation.violations.filter((v) => v.severity === 'error' && v.rule.startsWith('batch.') && v.rule !== 'batch.complete-first')).toEqual([]);
  });
});

// ── §1 Complete Batch N before N+1 ─────────────────────────────────────────────────────────

function twoBatches(status1A: string, status1B: string, facts = ''): string {
  return `${HEADER}
## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('CIA-971')} | Parser | 1 | None |
| 1B | ${link('CIA-972')} | Writer | 1 | None |
| 2A | ${link('CIA-973')} | Console | 2 | None |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| lucid-euler | ${link('CIA-971')} | 1A | Claude Code | yes | claude/lucid-euler | ${status1A} |
| calm-noether | ${link('CIA-972')} | 1B | Claude Code | yes | claude/calm-noether | ${status1B} |
${facts}`;
}

describe('§1 "Complete Batch 1 before launching Batch 2" (readiness for the approval gate)', () => {
  it.each([
    ['Done', 'Merged', true, [], []],
    ['Done', 'Active', false, ['1B'], []],
    ['Done (PR #4)', 'In Review', false, ['1B'], []],
    ['Done', 'Failed — tests red', false, [], ['1B']],
    ['Done', 'Failed — not reviewed', false, [], ['1B']],
    ['Done', 'Failed — reviewed: parser output usable', true, [], []],
  ])('1A %s, 1B %s → batch 2 ready %s', (a, b, ready, unfinished, failures) => {
    const basis = basisOf(twoBatches(a, b));
    const r = batchReadiness(2, basis.draft.batches, basis.facts);
    expect([r.ready, r.unfinished.map((h) => h.phase), r.unreviewedFailures.map((h) => h.phase)]).toEqual([ready, unfinished, failures]);
    expect(readinessViolation(r) === null).toBe(ready);
    if (!ready) expect(r.message).toContain(`1B (batch 1: ${b})`);
  });

  it('a human review recorded in Dispatch Facts clears a failed session', () => {
    const basis = basisOf(twoBatches('Done', 'Failed', '\n## Dispatch Facts\n\n- 1B: failure reviewed: dgw checked the writer output, usable\n'));
    expect(batchReadiness(2, basis.draft.batches, basis.facts).ready).toBe(true);
  });

  it('batch 1 never waits; a phase never dispatched holds the next batch', () => {
    const basis = basisOf(twoBatches('Done', 'Done').replace(/\| calm-noether .*\n/, ''));
    expect(batchReadiness(1, basis.draft.batches, basis.facts).ready).toBe(true);
    const r = batchReadiness(2, basis.draft.batches, basis.facts);
    expect(r.message).toBe('Batch 2 waits — complete the earlier batches first; not Done/Merged yet: 1B (batch 1: not dispatched).');
  });
});

// ── §4 sub-issue assignee from the Agent cell ────────────────────────────────────────────────

describe('§4 sub-issue "Assignee: Target agent (Claude, Tembo) or unassigned for human pickup"', () => {
  it.each([
    ['Claude Code', 'Claude'],
    ['', 'Claude'],
    ['Tembo', 'Tembo'],
    ['cto.new', 'cto.new'],
    ['human', null],
    ['unassigned', null],
  ])('Agent cell "%s" → assignee %s', (agent, assignee) => {
    const md = `${researchPlan([['1A', 'CIA-981', 'Parser', 'quick']])}
## Dispatch — Batch 1

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| 1A | ${link('CIA-981')} | Parser | quick | ~$2 | ${agent} | no |
`;
    expect(basisOf(md).draft.subIssues['1A']?.assignee).toBe(assignee);
  });
});
