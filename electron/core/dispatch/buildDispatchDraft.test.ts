import { describe, expect, it } from 'vitest';
import { DispatchDraftSchema, type PhaseFactsInput } from '../../../shared/domain/dispatch';
import { buildDispatchDraft } from './buildDispatchDraft';
import { makePhaseFacts } from './phaseFacts';

const MASTER = { issueId: 'CIA-400', title: 'Master plan', repoPath: '/repo', workspace: 'claudian' };
let counter = 500;
const ph = (phase: string, extra: Partial<PhaseFactsInput> = {}) => {
  counter += 1;
  const id = `CIA-${counter}`;
  return makePhaseFacts({
    phase,
    issueIds: [id],
    issueTitles: { [id]: `Title ${phase}` },
    focus: `Focus ${phase}`,
    exec: 'tdd',
    estCostUsd: 4,
    files: [`src/${phase}`],
    context: ['one', 'two', 'three'],
    tasks: ['do it'],
    deliverable: 'Done',
    ...extra,
  });
};

describe('buildDispatchDraft', () => {
  it('composed-crunching-raven: a 3-way parallel batch is clean', () => {
    const draft = buildDispatchDraft([ph('1A'), ph('1B'), ph('1C')], MASTER);
    expect(DispatchDraftSchema.parse(draft)).toEqual(draft);
    expect(draft.batches).toEqual([{ index: 1, phases: ['1A', '1B', '1C'], kind: 'implementation' }]);
    expect(draft.rows.map((r) => [r.session, r.worktree, r.launchAs, r.mergeOrder])).toEqual([
      ['1A', 'yes', 'Bypass permissions', 1],
      ['1B', 'yes', 'Bypass permissions', 2],
      ['1C', 'yes', 'Bypass permissions', 3],
    ]);
    expect(draft.violations).toEqual([]);
    expect(draft.rows[0]?.branch).toBe('claude/cia-501-focus-1a');
    expect(draft.prompts['1A']?.missing).toEqual([]);
    expect(draft.subIssues['1B']?.title).toBe('Batch 1B: Focus 1B');
  });

  // Used to expect 3 + 1; §1 asks for batches of 2-3, so four phases are 2 + 2.
  it('a 4th parallel session: computed batching splits 2 + 2 (both batches run in worktrees)', () => {
    const draft = buildDispatchDraft([ph('1A'), ph('1B'), ph('1C'), ph('1D')], MASTER);
    expect(draft.batches.map((b) => b.phases)).toEqual([['1A', '1B'], ['1C', '1D']]);
    expect(draft.rows.find((r) => r.phase === '1D')).toMatchObject({ session: '2B', worktree: 'yes', batch: 2 });
    expect(draft.violations).toEqual([]);
  });

  it('a 4th parallel session declared in batch 1 is a violation (kept, not fixed)', () => {
    const draft = buildDispatchDraft(['1A', '1B', '1C', '1D'].map((p) => ph(p, { batch: '1' })), MASTER);
    expect(draft.batches).toHaveLength(1);
    expect(draft.violations.map((v) => v.rule)).toEqual(['cap.implementation']);
  });

  it('5 research tracks in one batch are ok; 6 declared together are a violation', () => {
    const research = (n: number, batch: string | null) =>
      Array.from({ length: n }, (_, i) => ph(`R${i + 1}`, { readOnlyResearch: true, exec: 'spike', batch, outputs: [`research/r${i + 1}.md`], estCostRaw: '~$2–4 (×2-4 MCP)' }));
    const five = buildDispatchDraft(research(5, null), MASTER);
    expect(five.batches).toEqual([{ index: 1, phases: ['R1', 'R2', 'R3', 'R4', 'R5'], kind: 'research' }]);
    expect(five.violations).toEqual([]);
    expect(five.rows.every((r) => r.analysisOnly && r.launchAs === 'Bypass permissions')).toBe(true);
    const six = buildDispatchDraft(research(6, '1'), MASTER);
    expect(six.violations.map((v) => v.rule)).toEqual(['cap.research']);
  });

  it('session letters S-A, S-B… on request', () => {
    const draft = buildDispatchDraft([ph('1A'), ph('2A', { dependsOn: ['1A'] })], MASTER, { sessionNaming: 'session' });
    expect(draft.rows.map((r) => [r.session, r.batch, r.worktree])).toEqual([
      ['S-A', 1, 'no'],
      ['S-B', 2, 'no'],
    ]);
  });

  it('flags missing prompt fields (the plan file name is the plans module\'s rule, not the engine\'s)', () => {
    const draft = buildDispatchDraft([ph('1A', { tasks: [], deliverable: null })], { ...MASTER, planFileName: 'composed-crunching-raven.md' });
    expect(draft.violations.map((v) => v.rule)).toEqual(['prompt.missing-field']);
    expect(draft.violations[0]?.message).toContain('TASKS, DELIVERABLE');
  });

  it('external agents: Tembo gets n/a and no branch; Cursor gets cursor/{issue-id}', () => {
    const draft = buildDispatchDraft([ph('1A', { agent: 'Tembo', exec: 'swarm' }), ph('1B', { agent: 'Cursor' }), ph('1C')], MASTER);
    expect(draft.rows.map((r) => [r.agent, r.worktree, r.branch])).toEqual([
      ['Tembo', 'n/a', null],
      ['Cursor', 'n/a', expect.stringMatching(/^cursor\/cia-\d+$/)],
      ['Claude Code', 'no', expect.stringMatching(/^claude\/cia-\d+-focus-1c$/)],
    ]);
    expect(draft.violations).toEqual([]);
  });

  it('does not report the same violation twice', () => {
    const draft = buildDispatchDraft([ph('1A', { dependsOn: ['1B'] }), ph('1B', { dependsOn: ['1A'] })], MASTER);
    expect(draft.violations.filter((v) => v.rule === 'dependency.cycle')).toHaveLength(1);
  });
});
