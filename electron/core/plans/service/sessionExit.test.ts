import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import type { SessionRecord } from '../../../../shared/domain/session';
import { applySettingsPatch } from '../../config/settingsFile';
import { defaultSettings } from '../../../../shared/domain/settings';
import { silentLogger } from '../../app/platformActions';
import { LinearService } from '../../linear/service/linearService';
import { MemorySecretStore } from '../../linear/service/memorySecretStore';
import { emptyAppState } from '../../linear/service/appState.testutil';
import { startLinearTestServer, type LinearTestServer } from '../../linear/testServer/server';
import { computeConflictMatrix } from '../../merge/conflictMatrix';
import { StateStore } from '../../state/stateStore';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import type { LinearSink } from './linearSink';
import { PlansService } from './plansService';

/**
 * §8 Session Exit on real files: a temp repo with two session branches that both edit
 * `commands/go.md` (git predicts the conflict), a master plan, and Linear's test server.
 */

const link = (id: string, ws = 'claudian'): string => `[${id}](https://linear.app/${ws}/issue/${id})`;

let root: string;
let repo: TempRepo;
let server: LinearTestServer;
let planPath: string;
let store: StateStore;
let plan: string;
const services: PlansService[] = [];
const linears: LinearService[] = [];

const WT_A = () => join(root, 'worktrees', 'ccc-cia-901');
const WT_B = () => join(root, 'worktrees', 'ccc-cia-902');

beforeEach(async () => {
  root = await makeTempDir('session-exit-');
  server = await startLinearTestServer();
  repo = await createTempRepo({ dir: join(root, 'repo') });
  await repo.write('commands/go.md', '# go\n\nstep one\n');
  await repo.write('README.md', 'readme\n');
  await repo.commitAll('initial');
  await repo.addWorktree(WT_A(), 'claude/cia-901-go-flags');
  await repo.addWorktree(WT_B(), 'claude/cia-902-go-help');
  await writeFile(join(WT_A(), 'commands/go.md'), '# go\n\nstep one, with flags\n');
  await writeFile(join(WT_A(), 'src.ts'), 'export {};\n');
  await gitIn(WT_A(), 'add', '-A');
  await gitIn(WT_A(), 'commit', '-q', '-m', 'flags');
  await writeFile(join(WT_B(), 'commands/go.md'), '# go\n\nstep one, with help\n');
  await gitIn(WT_B(), 'commit', '-qam', 'help');

  await mkdir(join(root, 'home', 'plans'), { recursive: true });
  planPath = join(root, 'home', 'plans', '2026-12-02-ccc-go-command.md');
  plan = `# The /go command

**Parent issue:** [ENG-1: Master plan](https://linear.app/test/issue/ENG-1)
**Date:** 2026-12-02

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('CIA-901')} | Go flags | 1 | None |
| 1B | ${link('CIA-902')} | Go help | 1 | None (parallel with 1A) |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| ccc-cia-901 | ${link('CIA-901')} | 1A | Claude Code | yes | claude/cia-901-go-flags | Active |
| brave-hopper | ${link('CIA-902')} | 1B | Claude Code | yes | claude/cia-902-go-help | Active |

## Notes

A person's   notes, kept byte for byte.
`;
  await writeFile(planPath, plan);
  store = new StateStore(emptyAppState(), 0);
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  for (const l of linears.splice(0)) l.stop();
  store.dispose();
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function connectedLinear(): Promise<LinearService> {
  const settings = applySettingsPatch(defaultSettings(), { linear: { apiUrl: server.url } });
  const linear = new LinearService({
    store,
    secretStore: new MemorySecretStore(server.apiKey),
    settings: () => settings,
    dataDir: root,
    logger: silentLogger,
    timeoutMs: 2_000,
    updatePlanContext: () => undefined,
    updateSettings: async () => settings,
  });
  linears.push(linear);
  await linear.start();
  await linear.whenIdle();
  return linear;
}

function plansService(linear: () => LinearSink | null): PlansService {
  const s = new PlansService({
    store,
    folders: () => ({ claudeHome: join(root, 'home'), repos: [repo.dir], folders: [] }),
    onPlanContext: () => undefined,
    linear,
    warn: () => undefined,
    whoAmI: () => 'ana',
    debounceMs: 20,
    writeBackDelayMs: 60_000,
  });
  services.push(s);
  return s;
}

function record(over: Partial<SessionRecord> & { branchName: string; worktreePath: string; files: string[] }): SessionRecord {
  const { branchName: branch, worktreePath: worktree, files, ...rest } = over;
  return {
    id: worktree,
    name: 'x',
    worktree: { id: worktree, path: worktree, repoRoot: repo.dir, commonGitDir: join(repo.dir, '.git'), gitDir: null, branch, head: null, detached: false, locked: false, prunable: false, bare: false, isMain: false, source: ['git-worktree-list'] },
    git: { branch, head: null, baseBranch: 'main', baseRef: 'main', ahead: 1, behind: 0, changedFiles: 0, uncommittedFiles: [], dirty: false, lastCommitAt: '2026-12-02T02:30:00.000Z', lastCommitSubject: 'x', mergeInProgress: false, rebaseInProgress: false, lockFiles: [], filesChangedVsBase: files, mergedIntoBase: false, error: null },
    issueId: null,
    phase: null,
    agent: 'Claude Code',
    planPath,
    matchedBy: ['branch'],
    unmatched: false,
    status: 'working',
    statusReason: '',
    statusSince: '2026-12-02T02:40:00.000Z',
    claude: null,
    progress: null,
    collisions: [],
    warnings: [],
    ...rest,
  };
}

const doneA = () =>
  record({
    branchName: 'claude/cia-901-go-flags',
    worktreePath: WT_A(),
    files: ['commands/go.md', 'src.ts'],
    name: 'ccc-cia-901',
    claudeName: 'lucid-euler',
    issueId: 'CIA-901',
    phase: '1A',
    status: 'done',
    statusReason: 'Done: Claude said TASK_COMPLETE and all work is committed',
    progress: { done: 5, total: 5 },
    claude: { sessionId: 's', pid: null, liveStatus: null, alive: false, transcriptPath: null, lastActivityAt: '2026-12-02T02:35:00.000Z', lastAssistantText: 'TASK_COMPLETE', usage: { input: 1000, output: 2000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 1_200_000 }, costUsd: 3.4, estimateUsd: 5, usageCounting: false },
  });
const workingB = () => record({ branchName: 'claude/cia-902-go-help', worktreePath: WT_B(), files: ['commands/go.md'], name: 'brave-hopper', issueId: 'CIA-902', phase: '1B' });

/** The merge queue's conflict matrix, computed by git on the real branches. */
async function publishMatrix(): Promise<void> {
  const branches = ['claude/cia-901-go-flags', 'claude/cia-902-go-help'];
  const m = await computeConflictMatrix(repo.dir, 'main', branches);
  const view = {
    id: 'q1',
    planPath,
    planTitle: 'The /go command',
    masterIssueId: 'ENG-1',
    repoDir: repo.dir,
    base: 'main',
    rows: [
      { branch: branches[0], sessionName: 'ccc-cia-901', label: '1A' },
      { branch: branches[1], sessionName: 'brave-hopper', label: '1B' },
    ],
    matrix: { branches, cells: m.cells.map((c) => ({ a: c.a, b: c.b, conflicts: c.conflicts, files: c.files, error: c.error })), computedAt: '' },
  } as unknown as MergeQueueView;
  store.upsert('merge', 'q1', view);
}

function setSessions(records: SessionRecord[]): void {
  store.replaceCollection('sessions', Object.fromEntries(records.map((r) => [r.id, r])));
}

describe('§8 session exit', () => {
  it('a Done session: summary written once, registry row Done under its real name, one comment on the master issue naming the other session and the files', async () => {
    const linear = await connectedLinear();
    await publishMatrix();
    const service = plansService(() => linear);
    await service.refresh();
    setSessions([doneA(), workingB()]);
    await service.writeBack();

    const text = await readFile(planPath, 'utf8');
    // Registry: the placeholder (the worktree folder name) gives way to Claude Code's name; Done.
    expect(text).toMatch(/\| lucid-euler +\| \[CIA-901\][^\n]*\| Done +\|/);
    expect(text).not.toMatch(/\| ccc-cia-901 +\|/);
    expect(text).toMatch(/\| brave-hopper +\|[^\n]*\| Active +\|/);
    // The summary, under a new ## Session Summaries section, with what Switchyard knows.
    const summary = text.slice(text.indexOf('## Session Summaries'));
    expect(summary).toContain('### Session summary — lucid-euler ([CIA-901](https://linear.app/claudian/issue/CIA-901))');
    expect(summary).toContain('- **Branch:** `claude/cia-901-go-flags` — 1 commit ahead of `main`');
    expect(summary).toContain('- **Files changed:** 2 — `commands/go.md`, `src.ts`');
    expect(summary).toContain('- **Tokens / cost:** 1.2M tokens, $3.40 (estimate ~$5)');
    expect(summary).toContain('- **Done:** Claude said TASK_COMPLETE and all work is committed; tasks 5/5');
    expect(summary).toContain('- **Ended at:** 2026-12-02T02:35:00.000Z');
    expect(summary).toContain('- **Predicted conflict:** with `brave-hopper` (`claude/cia-902-go-help`) in `commands/go.md`');
    expect(summary).toMatch(/- \*\*Conflict flagged:\*\* comment posted on \[ENG-1\]\(https:\/\/linear\.app\/test\/issue\/ENG-1\) \(https:\/\/linear\.app\/test\/[^)]+\) — human resolves/);
    // Every byte of the person's plan outside the registry cells is kept.
    expect(text.slice(text.indexOf('## Notes'), text.indexOf('## Session Summaries'))).toBe(plan.slice(plan.indexOf('## Notes')) + '\n');

    const master = server.store.findIssue('ENG-1');
    const comments = server.store.commentsOf(master?.id ?? '');
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('`lucid-euler` (CIA-901, `claude/cia-901-go-flags`) finished');
    expect(comments[0]?.body).toContain('with `brave-hopper` (`claude/cia-902-go-help`) in `commands/go.md`');

    // Again, and after a restart: nothing new in the plan, no second comment.
    await service.sessionExits();
    await service.stop();
    const restarted = plansService(() => linear);
    await restarted.refresh();
    await restarted.writeBack();
    await restarted.sessionExits();
    expect(await readFile(planPath, 'utf8')).toBe(text);
    expect(server.store.commentsOf(master?.id ?? '')).toHaveLength(1);
  });

  it('Linear not connected: the summary says "not posted (Linear not connected)"; once connected the comment goes out once and the summary says so', async () => {
    await publishMatrix();
    let sink: LinearSink | null = null;
    const service = plansService(() => sink);
    await service.refresh();
    setSessions([doneA(), workingB()]);
    await service.writeBack();
    const before = await readFile(planPath, 'utf8');
    expect(before).toContain('- **Conflict flagged:** not posted (Linear not connected)');
    expect(before.match(/### Session summary/g)).toHaveLength(1);

    sink = await connectedLinear();
    await service.sessionExits();
    await service.sessionExits();
    const after = await readFile(planPath, 'utf8');
    expect(after.match(/### Session summary/g)).toHaveLength(1);
    expect(after).toMatch(/- \*\*Conflict flagged:\*\* not posted \(Linear not connected\)\n- \*\*Conflict flagged:\*\* comment posted on \[ENG-1\]/);
    expect(server.store.commentsOf(server.store.findIssue('ENG-1')?.id ?? '')).toHaveLength(1);
  });

  it('no predicted conflict: a summary and no comment; a session still working gets none', async () => {
    const linear = await connectedLinear();
    const service = plansService(() => linear);
    await service.refresh();
    setSessions([doneA(), workingB()]);
    await service.writeBack();
    const text = await readFile(planPath, 'utf8');
    expect(text.match(/### Session summary/g)).toHaveLength(1);
    expect(text).not.toContain('Predicted conflict');
    expect(text).not.toContain('brave-hopper ([CIA-902]');
    expect(server.store.commentsOf(server.store.findIssue('ENG-1')?.id ?? '')).toHaveLength(0);
  });

  it('two Done sessions: two summaries under one section, a blank line between; a main checkout gets none', async () => {
    const service = plansService(() => null);
    await service.refresh();
    const main = record({ branchName: 'main', worktreePath: repo.dir, files: [], name: 'repo', issueId: 'CIA-900', status: 'done', statusReason: 'Done: the plan marks it Done' });
    setSessions([doneA(), { ...workingB(), status: 'done', statusReason: 'Done: Claude said TASK_COMPLETE' }, { ...main, worktree: main.worktree ? { ...main.worktree, isMain: true } : null }]);
    await service.writeBack();
    const text = await readFile(planPath, 'utf8');
    expect(text.match(/^## Session Summaries$/gm)).toHaveLength(1);
    expect(text).toMatch(/- \*\*Ended at:\*\* \S+\n\n### Session summary — brave-hopper \(\[CIA-902\]/);
    expect(text.match(/### Session summary/g)).toHaveLength(2);
  });

  it("a summary the plan already has (written by the session itself) is not written again", async () => {
    await writeFile(planPath, `${plan}\n## Session Summaries\n\n### Session summary — CIA-901\n\nWritten by the session.\n`);
    const service = plansService(() => null);
    await service.refresh();
    setSessions([doneA()]);
    await service.writeBack();
    const text = await readFile(planPath, 'utf8');
    expect(text.match(/### Session summary/g)).toHaveLength(1);
    expect(text).toContain('Written by the session.');
  });
});
