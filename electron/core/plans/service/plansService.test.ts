import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanContext, SessionRecord } from '../../../../shared/domain/session';
import { defaultSettings } from '../../../../shared/domain/settings';
import type { AppState } from '../../../../shared/state/appState';
import { newAppState } from '../../../../shared/state/newAppState';
import { demoMasterPlan, demoRandomlyNamedPlan } from '../../demo/demoPlan';
import { StateStore } from '../../state/stateStore';
import { contentHash } from '../contentHash';
import { PlansService } from './plansService';

let root: string;
let plansDir: string;
let store: StateStore;
let service: PlansService;
let context: Pick<PlanContext, 'rows' | 'estimates'> | null;
let warnings: { message: string; subject: string }[];
const DATE = '2026-03-01';
let masterPath: string;

function initial(): AppState {
  return newAppState({ version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null }, defaultSettings());
}

function record(over: Partial<SessionRecord>): SessionRecord {
  return {
    id: over.name ?? 'x',
    name: 'x',
    worktree: null,
    git: null,
    issueId: null,
    phase: null,
    agent: null,
    planPath: null,
    matchedBy: ['registry-row'],
    unmatched: false,
    status: 'working',
    statusReason: '',
    statusSince: '2026-01-01T00:00:00Z',
    claude: null,
    progress: null,
    collisions: [],
    warnings: [],
    ...over,
  };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'plans-service-'));
  plansDir = join(root, 'home', 'plans');
  await mkdir(plansDir, { recursive: true });
  masterPath = join(plansDir, `${DATE}-ccc-dispatch-console.md`);
  await writeFile(masterPath, demoMasterPlan({ date: DATE, repoPath: '/repos/ccc' }));
  await writeFile(join(plansDir, 'composed-crunching-raven.md'), demoRandomlyNamedPlan());
  store = new StateStore(initial(), 0);
  context = null;
  warnings = [];
  service = new PlansService({
    store,
    folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }),
    onPlanContext: (part) => (context = part),
    warn: (w) => (warnings = w),
    whoAmI: () => 'tester',
    now: () => new Date('2026-03-02T10:00:00.000Z'),
    debounceMs: 20,
    writeBackDelayMs: 10_000, // tests call writeBack() themselves
  });
  await service.refresh();
});

afterEach(async () => {
  await service.stop();
  store.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('discovery and parsing', () => {
  it('lists both plans, flags the random name with a structured suggestion, and derives dispatch state', () => {
    const plans = store.current.plans;
    expect(Object.keys(plans).sort()).toEqual([join(plansDir, `${DATE}-ccc-dispatch-console.md`), join(plansDir, 'composed-crunching-raven.md')].sort());
    const raven = plans[join(plansDir, 'composed-crunching-raven.md')];
    expect(raven?.naming.violation).toBe(true);
    expect(raven?.naming.suggestedName).toMatch(/^2026-11-18-[a-z0-9]+-quick-spike-hook-latency\.md$/);
    expect(raven?.unlinkedIds).toEqual(['CIA-550']);
    const master = plans[masterPath];
    expect(master?.masterIssue?.id).toBe('CIA-540');
    expect(master?.phases.map((p) => p.phase)).toEqual(['1A', '1B', '1C', '1D', '2A', '2B']);
    const dispatch = store.current.dispatch[masterPath];
    expect(dispatch?.batches.map((b) => b.phases)).toEqual([
      ['1A', '1B', '1C', '1D'],
      ['2A', '2B'],
    ]);
    expect(dispatch?.batchStates.map((b) => b.state)).toEqual(['approved', 'draft']);
    expect(dispatch?.violations.some((v) => v.rule === 'cap.mixed' && v.where.batch === 1)).toBe(true);
    expect(dispatch?.research?.tracks).toEqual(['1D']);
  });

  it("Settings' cost profile is the default for the >$10 checkpoint check; the plan's own line wins", async () => {
    let profile = 'capped';
    const judged = new PlansService({ store, folders: () => ({ claudeHome: join(root, 'home'), repos: [], folders: [] }), onPlanContext: () => {}, warn: () => {}, costProfile: () => profile, debounceMs: 20 });
    const costWarnings = () => (store.current.dispatch[masterPath]?.violations ?? []).filter((v) => v.rule === 'cost.checkpoint').map((v) => v.message);
    try {
      await judged.refresh();
      expect(costWarnings()).toEqual([expect.stringMatching(/\$12 \(>\$10\) with a capped cost profile/)]);
      profile = 'unlimited';
      judged.rulesChanged();
      expect(costWarnings()).toEqual([]);
      // A plan that says it is capped stays capped, whatever Settings say.
      const text = await readFile(masterPath, 'utf8');
      await writeFile(masterPath, text.replace(/(\*\*Date:\*\*[^\n]*\n)/, '$1**Cost profile:** capped\n'));
      await judged.refresh();
      expect(costWarnings()).toHaveLength(1);
    } finally {
      await judged.stop();
    }
  });

  it('feeds the session registry its rows and estimates', () => {
    expect(context?.rows.map((r) => r.sessionName)).toEqual(['lucid-euler', 'brave-hopper', 'quiet-lovelace', '(direct main)']);
    expect(context?.estimates).toMatchObject({ 'CIA-541': 4, 'CIA-545': 12, 'CIA-546': 2 });
  });

  it('a malformed plan becomes diagnostics, never a crash; a new file is picked up by the watcher', async () => {
    await service.start();
    const broken = join(plansDir, 'CIA-9-broken.md');
    await writeFile(broken, '# Broken\n\n## Phase Map\n\n| Phase | Issues |\n| 1A | x |\n\n| a | b |\n|---|\n\u0000\u0001 ```\n');
    await expect.poll(() => store.current.plans[broken]?.title, { timeout: 5000 }).toBe('Broken');
    expect(store.current.plans[broken]?.readError).toBeNull();
    expect(store.current.dispatch[broken]).toBeUndefined(); // no phases: nothing to dispatch
  });
});

describe('Session Registry write-back', () => {
  it('updates only the Status cell, keeps a concurrent user edit, and leaves every other byte alone', async () => {
    const before = await readFile(masterPath, 'utf8');
    // The person edits the file by hand after the app read it (adds a note line).
    const userEdit = before.replace('## Key Files\n', '## Key Files\n\nNote from the person: keep CHANGELOG entries short.\n');
    await writeFile(masterPath, userEdit);
    store.upsert('sessions', 'q', record({ id: 'q', name: 'quiet-lovelace', planPath: masterPath, issueId: 'CIA-543', status: 'waiting' }));
    store.flush();
    await service.writeBack();
    const after = await readFile(masterPath, 'utf8');
    expect(after).toBe(userEdit.replace('| claude/cia-543-review-gates | Active |', '| claude/cia-543-review-gates | Waiting |'));
    // Nothing changed since: no second write.
    const hash = contentHash(after);
    store.upsert('sessions', 'q', record({ id: 'q', name: 'quiet-lovelace', planPath: masterPath, issueId: 'CIA-543', status: 'waiting', statusReason: 'still' }));
    await service.writeBack();
    expect(contentHash(await readFile(masterPath, 'utf8'))).toBe(hash);
  });

  it('adds a row for a new session of the plan; never downgrades a Done row', async () => {
    store.upsert('sessions', 'n', record({ id: 'n', name: 'snug-otter', planPath: masterPath, issueId: 'CIA-544', phase: '1D', status: 'working' }));
    store.upsert('sessions', 'l', record({ id: 'l', name: 'lucid-euler', planPath: masterPath, issueId: 'CIA-541', status: 'idle' }));
    store.flush();
    await service.writeBack();
    const after = await readFile(masterPath, 'utf8');
    expect(after).toMatch(/\| snug-otter +\| \[CIA-544\]\(https:\/\/linear\.app\/claudian\/issue\/CIA-544\) +\| 1D +\|.*\| Active +\|\n/);
    expect(after).toContain('| claude/cia-541-session-exit | Done |');
  });
});

describe('approve and reject', () => {
  const state = () => {
    const d = store.current.dispatch[masterPath];
    if (!d) throw new Error('no dispatch state');
    return d;
  };

  it('approving a recorded batch changes only the edited cell, adds its merge order line, registry rows and approval, and keeps the person\'s sentence', async () => {
    const before = await readFile(masterPath, 'utf8');
    // Batch 1 is still running (§1 "Complete Batch 1 before launching Batch 2"): approving needs a written reason.
    const result = await service.approve({ planPath: masterPath, expectedHash: state().contentHash, batch: 2, edits: { rows: { '2B': { estCostUsd: 3 } }, mergeOrder: ['2B', '2A'] }, overrideReason: 'Batch 1 is nearly done' });
    expect(result.by).toBe('tester');
    expect(result.linear.status).toBe('not-configured');
    // The worktree is made on the branch the plan records; `claude --worktree` would name it worktree-<name>.
    expect(result.sessions.map((s) => s.launchCommand)).toEqual([
      expect.stringMatching(/^cd \/repos\/ccc && git worktree add -b claude\/cia-545-merge-console \S+\/worktrees\/ccc-cia-545 && cd \S+ && claude --permission-mode bypassPermissions$/),
      expect.stringMatching(/^cd \/repos\/ccc && git worktree add -b claude\/cia-546-release-notes \S+\/worktrees\/ccc-cia-546 && cd \S+ && claude --permission-mode bypassPermissions$/),
    ]);
    expect(result.sessions[0]?.prompt).toContain("Reply with 'Session started' before beginning work.");
    const after = await readFile(masterPath, 'utf8');
    // Everything up to the Session Registry is the same but for the one edited cell and the new merge order line.
    const cut = (t: string) => t.slice(0, t.indexOf('## Session Registry'));
    const expectedTop = cut(before)
      .replace('| 2B | CIA-546 | Release notes | quick | ~$2 | Claude Code | yes |\n', '| 2B | CIA-546 | Release notes | quick | ~$3 | Claude Code | yes |\n\nMerge order: 2B, 2A\n');
    expect(cut(after)).toBe(expectedTop);
    expect(after).toContain('Proposed by the planning session; waiting for approval.');
    const keyFiles = before.slice(before.indexOf('## Key Files'), before.indexOf('## Dispatch Approvals'));
    expect(after).toContain(keyFiles);
    expect(after).toContain('- 2026-03-02T10:00:00.000Z — Batch 2 approved by tester: 2 session(s) 2A, 2B; merge order 2B → 2A; OVERRIDE of 1 violation(s) (batch.complete-first): "Batch 1 is nearly done"\n');
    expect(after).toMatch(/\| ccc-cia-546 +\| \[CIA-546\]\([^)]+\) +\| 2B +\| Claude Code +\| yes +\| claude\/cia-546-release-notes +\| Dispatched +\|/);
    expect(state().batchStates.find((b) => b.index === 2)?.state).toBe('approved');
    // The written order is the record now: both views read it back.
    expect(state().rows.filter((r) => r.batch === 2).sort((a, b) => a.mergeOrder - b.mergeOrder).map((r) => r.session)).toEqual(['2B', '2A']);
    expect(state().contentHash).toBe(contentHash(after));
  });

  it('refuses while an error violation stands, and records the override reason when given', async () => {
    const edits = { rows: { '2A': { estCostUsd: null } } }; // no cost estimate: cost.missing (error)
    await expect(service.approve({ planPath: masterPath, expectedHash: state().contentHash, batch: 2, edits })).rejects.toMatchObject({ code: 'refused' });
    expect(await readFile(masterPath, 'utf8')).toBe(demoMasterPlan({ date: DATE, repoPath: '/repos/ccc' }));
    await service.approve({ planPath: masterPath, expectedHash: state().contentHash, batch: 2, edits, overrideReason: 'Budget agreed\nwith the lead' });
    const after = await readFile(masterPath, 'utf8');
    expect(after).toContain('OVERRIDE of 2 violation(s) (batch.complete-first, cost.missing): "Budget agreed with the lead"');
  });

  it('a file changed on disk since it was loaded is a conflict and nothing is written', async () => {
    const loaded = state().contentHash;
    const edited = `${await readFile(masterPath, 'utf8')}\nA line the person added.\n`;
    await writeFile(masterPath, edited);
    await expect(service.approve({ planPath: masterPath, expectedHash: loaded, batch: 2, edits: {}, overrideReason: 'go' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await readFile(masterPath, 'utf8')).toBe(edited);
  });

  it("the app's own registry write-back is not a conflict", async () => {
    const loaded = state().contentHash;
    store.upsert('sessions', 'q', record({ id: 'q', name: 'quiet-lovelace', planPath: masterPath, status: 'waiting' }));
    await service.writeBack();
    expect(state().contentHash).not.toBe(loaded);
    await expect(service.approve({ planPath: masterPath, expectedHash: loaded, batch: 2, edits: {}, overrideReason: 'go' })).resolves.toMatchObject({ batch: 2 });
  });

  it('marks a session Failed with a reason (§8): the next batch then waits for a human review, which is recorded too', async () => {
    const readiness = () => state().violations.find((v) => v.rule === 'batch.complete-first' && v.where.batch === 2)?.message ?? '';
    const r = await service.markSessionFailed({ planPath: masterPath, session: 'S-B', reason: 'flaky CI | twice' });
    expect(r.status).toBe('Failed — flaky CI | twice');
    const after = await readFile(masterPath, 'utf8');
    // Only the Status cell of S-B's registry row (brave-hopper, phase 1B) changed; the pipe is escaped.
    expect(after).toMatch(/\| brave-hopper +\| [^\n]*\| Failed — flaky CI \\\| twice +\|/);
    expect(after.replace(/\| Failed — flaky CI \\\| twice +\|/, '| Active |').replace(/ +\|/g, ' |')).toBe(demoMasterPlan({ date: DATE, repoPath: '/repos/ccc' }).replace(/ +\|/g, ' |'));
    expect(readiness()).toContain('Failed without a recorded human review: 1B');
    await service.markSessionFailed({ planPath: masterPath, session: '1B', reason: 'the parser half is usable', reviewed: true });
    expect(await readFile(masterPath, 'utf8')).toContain('Failed — reviewed: the parser half is usable');
    expect(readiness()).not.toContain('Failed without a recorded human review');
    await expect(service.markSessionFailed({ planPath: masterPath, session: 'S-Z', reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reject appends a reason line and the batch shows as rejected', async () => {
    await service.reject({ planPath: masterPath, batch: 2, reason: 'Wait for\n the 1C review' });
    const after = await readFile(masterPath, 'utf8');
    expect(after.endsWith('- 2026-03-02T10:00:00.000Z — Batch 2 rejected by tester: "Wait for the 1C review"\n')).toBe(true);
    expect(state().batchStates.find((b) => b.index === 2)?.state).toBe('rejected');
  });

  it('evaluate recomputes launch mode, violations and prompts for edits (pure)', () => {
    const e = service.evaluate(masterPath, { rows: { '2A': { mode: 'checkpoint', agent: 'Tembo' } } });
    const row = e.rows.find((r) => r.session === '2A');
    expect(row?.launchAs).toBe('Ask permissions');
    // The plan records Worktree "yes" for 2A: the cell stays as written, and the rule flags it for Tembo.
    expect(row?.worktree).toBe('yes');
    expect(e.violations.some((v) => v.rule === 'worktree.external' && v.where.row === '2A')).toBe(true);
    expect(e.violations.some((v) => v.rule === 'cost.checkpoint' && v.where.row === '2A')).toBe(false);
    expect(e.violations.some((v) => v.rule === 'agent.mode-options' && v.where.row === '2A')).toBe(true);
  });

  it('sufficiency answers are written and read back', async () => {
    const s = await service.setSufficiency({ planPath: masterPath, answers: { convergence: 'yes', coverage: 'no', contradictions: 'no', gaps: 'Q3 uncovered' } });
    expect(s.outcome).toBe('INSUFFICIENT');
    expect(state().research?.sufficiency).toMatchObject({ convergence: 'yes', coverage: 'no', contradictions: 'no', gaps: 'Q3 uncovered', outcome: 'INSUFFICIENT', gapList: ['Q3 uncovered'] });
  });
});

describe('plan fixes', () => {
  it('rename: to the structured name, refused when the target exists', async () => {
    const raven = join(plansDir, 'composed-crunching-raven.md');
    const target = store.current.plans[raven]?.naming.suggestedName ?? '';
    await writeFile(join(plansDir, target), '# taken\n');
    await expect(service.rename({ path: raven })).rejects.toMatchObject({ code: 'refused' });
    await rm(join(plansDir, target));
    await service.refresh();
    const done = await service.rename({ path: raven });
    expect(done.newPath).toBe(join(plansDir, target));
    expect(store.current.plans[raven]).toBeUndefined();
    expect(store.current.plans[join(plansDir, target)]?.naming.violation).toBe(false);
  });

  it('linkIssueIds links plain ids using the plan workspace', async () => {
    const result = await service.linkIssueIds({ path: masterPath, expectedHash: store.current.plans[masterPath]?.contentHash ?? '' });
    expect(result.linked).toBeGreaterThan(0);
    expect(await readFile(masterPath, 'utf8')).toContain('| [CIA-546](https://linear.app/claudian/issue/CIA-546) | Release notes | Todo |');
    expect(store.current.plans[masterPath]?.unlinkedIds).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
