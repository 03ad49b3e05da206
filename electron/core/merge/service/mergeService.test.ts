import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../shared/domain/settings';
import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import type { PlanSummary } from '../../../../shared/domain/planState';
import type { SessionRecord } from '../../../../shared/domain/session';
import type { AppState } from '../../../../shared/state/appState';
import { newAppState } from '../../../../shared/state/newAppState';
import { contentHash } from '../../plans/contentHash';
import { parsePlan } from '../../plans/parsePlan';
import { StateStore } from '../../state/stateStore';
import { makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { readAllJournals } from '../journalFile';
import { mergeBranch } from '../mergeBranch';
import { SimulatedCrash } from '../moveBranchRef';
import { commitIn, editLine, repoWithFiles, session } from '../testing/mergeFixtures';
import { loadMergePreferences } from './mergePreferences';
import { MergeService } from './mergeService';
import { mergeOrderFromPlan } from './mergeOrderFromPlan';

const PLAN = (repo: string) => `# Two sessions

**Parent issue:** [ENG-1: Two sessions](https://linear.app/acme/issue/ENG-1)
**Repo:** ${repo}

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | [ENG-2](https://linear.app/acme/issue/ENG-2) | A things | 1 | None |
| 1B | [ENG-3](https://linear.app/acme/issue/ENG-3) | B things | 1 | None (parallel with 1A) |

Merge order: 1B, 1A

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| sess-a | [ENG-2](https://linear.app/acme/issue/ENG-2) | 1A | Claude Code | yes | claude/a | Done |
| sess-b | [ENG-3](https://linear.app/acme/issue/ENG-3) | 1B | Claude Code | yes | claude/b | Done |

## Notes

Hand-written notes the app must never touch.
`;

function summary(path: string, text: string): PlanSummary {
  return {
    path,
    fileName: path.replace(/^.*\//, ''),
    folder: path.replace(/\/[^/]*$/, ''),
    source: 'configured',
    title: 'Two sessions',
    masterIssue: null,
    date: null,
    phases: [],
    verification: { done: 0, total: 0 },
    sessions: { done: 0, total: 0 },
    naming: { kind: 'structured', violation: false, rule: null, suggestedName: null },
    unlinkedIds: [],
    linkBase: null,
    diagnostics: [],
    contentHash: contentHash(text),
    mtimeMs: 0,
    readError: null,
  };
}

function record(repo: string, path: string, branch: string, planPath: string, issueId: string, phase: string): SessionRecord {
  return {
    id: path,
    name: `sess-${branch.slice(-1)}`,
    worktree: { id: path, path, repoRoot: repo, commonGitDir: join(repo, '.git'), gitDir: null, branch, head: null, detached: false, locked: false, prunable: false, bare: false, isMain: false, source: ['git-worktree-list'] },
    git: {
      branch, head: null, baseBranch: 'main', baseRef: 'main', ahead: 1, behind: 0, changedFiles: 0, uncommittedFiles: [], dirty: false, lastCommitAt: null, lastCommitSubject: null,
      mergeInProgress: false, rebaseInProgress: false, lockFiles: [], filesChangedVsBase: [], mergedIntoBase: false, error: null,
    },
    issueId, phase, agent: 'Claude Code', planPath, matchedBy: ['branch'], unmatched: false,
    status: 'done', statusReason: 'done', statusSince: '2026-01-01T00:00:00Z', claude: null, progress: null, collisions: [], warnings: [],
  };
}

function initial(): AppState {
  return newAppState({ version: '0', mode: 'serve', demo: false, claudeHome: '/h', dataDir: '/d', startedAt: '', claudeHomeSource: 'default', ready: false, scanProgress: null }, defaultSettings());
}

let repo: TempRepo;
let planPath: string;
let original: string;
let store: StateStore;
let service: MergeService;
let merged: string[];

async function git(...args: string[]): Promise<string> {
  return (await repo.git(...args)).trim();
}

function view(): MergeQueueView {
  const views = Object.values(store.current.merge);
  expect(views).toHaveLength(1);
  return views[0] as MergeQueueView;
}

const verdictOf = (branch: string) => view().rows.find((r) => r.branch === branch)?.verdict;

beforeEach(async () => {
  repo = await repoWithFiles();
  const wtA = await session(repo, 'claude/a', { 'a.txt': editLine('a', 1, 'A changed') });
  const wtB = await session(repo, 'claude/b', { 'b.txt': editLine('b', 1, 'B changed') });
  planPath = join(await makeTempDir('switchyard-plans-'), '2026-01-01-two-sessions.md');
  original = PLAN(repo.dir);
  await writeFile(planPath, original);
  store = new StateStore(initial(), 1);
  store.upsert('plans', planPath, summary(planPath, original));
  store.upsert('sessions', wtA, record(repo.dir, wtA, 'claude/a', planPath, 'ENG-2', '1A'));
  store.upsert('sessions', wtB, record(repo.dir, wtB, 'claude/b', planPath, 'ENG-3', '1B'));
  merged = [];
  service = new MergeService({
    store,
    pollMs: 0,
    debounceMs: 5,
    linear: () => ({ branchMerged: async (id) => (merged.push(id), { kind: 'moved' }) }),
  });
  await service.start();
  await service.refreshAll();
});

afterEach(async () => {
  await service.stop();
  store.dispose();
  await repo.cleanup();
});

describe('MergeService', () => {
  it("takes the queue's order from the plan's Merge order line and maps phases to branches", async () => {
    const parsed = parsePlan(original, planPath);
    expect(mergeOrderFromPlan(parsed).map((b) => [b.phase, b.branch, b.sessionName])).toEqual([
      ['1B', 'claude/b', 'sess-b'],
      ['1A', 'claude/a', 'sess-a'],
    ]);
    const v = view();
    expect(v.order).toEqual(['claude/b', 'claude/a']);
    expect(v.orderDeclared).toBe(true);
    expect(v.base).toBe('main');
    expect(v.next).toBe('claude/b');
    expect(verdictOf('claude/b')?.kind).toBe('ready');
    expect(verdictOf('claude/a')).toMatchObject({ kind: 'waiting-turn', waitsFor: 'claude/b' });
    expect(v.rows.find((r) => r.branch === 'claude/a')?.changedFiles).toEqual(['a.txt']);
    expect(v.matrix?.cells.every((c) => !c.conflicts)).toBe(true);
  });

  it('the poll refreshes a queue only when its base moved where no session saw it (an idle machine spawns one ref read per base)', async () => {
    await service.stop();
    service = new MergeService({ store, pollMs: 60, debounceMs: 5 });
    await service.start();
    await service.refreshAll();
    const before = view().baseHead;
    const refreshedAt = view().refreshedAt;
    await new Promise((r) => setTimeout(r, 250));
    // Nothing moved: the queue was not recomputed by the poll.
    expect(view().refreshedAt).toBe(refreshedAt);
    // A commit on main from the person's own terminal (no session record sees it).
    await git('-c', 'user.email=p@example.com', '-c', 'user.name=p', 'commit', '-q', '--allow-empty', '-m', 'pushed elsewhere');
    const moved = await git('rev-parse', 'main');
    await expect.poll(() => view().baseHead, { timeout: 3000 }).toBe(moved);
    expect(moved).not.toBe(before);
  });

  it('merges the next branch: the next verdict updates, the plan logs it and its registry row becomes Merged', async () => {
    const outcome = await service.mergeNext(view().id);
    expect(outcome.ok).toBe(true);
    expect(outcome.branch).toBe('claude/b');
    expect(await git('rev-parse', 'main')).toBe(outcome.newBaseSha);
    expect(verdictOf('claude/b')?.kind).toBe('merged');
    expect(verdictOf('claude/a')?.kind).toBe('ready');
    expect(view().next).toBe('claude/a');
    expect(view().rows.find((r) => r.branch === 'claude/b')?.removeOffered).toBe(true);
    expect(merged).toEqual(['ENG-3']);

    const text = await readFile(planPath, 'utf8');
    const parsed = parsePlan(text, planPath);
    expect(parsed.sessionRegistry.find((r) => r.sessionName === 'sess-b')?.status).toBe('Merged');
    expect(parsed.sessionRegistry.find((r) => r.sessionName === 'sess-a')?.status).toBe('Done');
    expect(parsed.mergeLog).toHaveLength(1);
    expect(parsed.mergeLog[0]?.text).toMatch(/merged `claude\/b` \(1B\) into `main` by merge/);
    // Byte-preserving: every original line is as it was except the one Status cell; the log is appended.
    const before = original.split('\n');
    const after = text.split('\n');
    before.forEach((line, i) => {
      if (line.startsWith('| sess-b ')) expect(after[i]).toBe(line.replace('| Done |', '| Merged |'));
      else if (i < before.length - 1) expect(after[i]).toBe(line);
    });
  });

  it("keeps the person's strategy and order across a restart, until the plan's own order changes", async () => {
    const prefsPath = join(await makeTempDir('switchyard-prefs-'), 'merge-preferences.json');
    const restart = async (): Promise<MergeService> => {
      await service.stop();
      store.replaceCollection('merge', {});
      service = new MergeService({ store, pollMs: 0, debounceMs: 5, preferences: await loadMergePreferences(prefsPath) });
      await service.start();
      await service.refreshAll();
      return service;
    };
    let s = await restart();
    s.setStrategy(view().id, 'squash');
    await s.setOrder(view().id, ['claude/a', 'claude/b']);
    // Let the queued write land before the "restart".
    await new Promise((r) => setTimeout(r, 50));
    s = await restart();
    expect(view().strategy).toBe('squash');
    expect(view().order).toEqual(['claude/a', 'claude/b']);

    // A garbled file loses the choices, not the app.
    await writeFile(prefsPath, '{ not json');
    s = await restart();
    expect(view().strategy).toBe('merge');
    expect(view().order).toEqual(['claude/b', 'claude/a']);
  });

  it('merges out of order only with a written reason, and keeps the reason in the plan file', async () => {
    const id = view().id;
    await expect(service.mergeOutOfOrder(id, 'claude/a', 'short')).rejects.toMatchObject({ code: 'refused' });
    expect(await git('rev-parse', 'main')).toBe(view().baseHead);
    const outcome = await service.mergeOutOfOrder(id, 'claude/a', 'release needs the A fix first');
    expect(outcome.ok).toBe(true);
    expect(verdictOf('claude/a')?.kind).toBe('merged');
    expect(verdictOf('claude/b')?.kind).toBe('ready');
    const text = await readFile(planPath, 'utf8');
    expect(parsePlan(text, planPath).mergeLog[0]?.text).toContain('OUT OF ORDER: "release needs the A fix first"');
    expect(text.startsWith(original.slice(0, original.indexOf('| sess-a ')))).toBe(true);
    expect(text).toContain('## Notes\n\nHand-written notes the app must never touch.\n');
  });

  it('undo restores the base from its backup ref and the registry row goes back to Done', async () => {
    const before = await git('rev-parse', 'main');
    const outcome = await service.mergeNext(view().id);
    expect(outcome.ok).toBe(true);
    const backup = view().backups.find((b) => b.branch === 'main');
    expect(backup?.oldSha).toBe(before);
    const result = await service.undo(backup?.ref ?? '');
    expect(result.ok).toBe(true);
    expect(await git('rev-parse', 'main')).toBe(before);
    expect(await git('status', '--porcelain')).toBe('');
    expect(verdictOf('claude/b')?.kind).toBe('ready');
    // The merge commit stays reachable from the undo's own backup.
    expect(view().backups.some((b) => b.oldSha === outcome.newBaseSha)).toBe(true);
    const parsed = parsePlan(await readFile(planPath, 'utf8'), planPath);
    expect(parsed.sessionRegistry.find((r) => r.sessionName === 'sess-b')?.status).toBe('Done');
    expect(parsed.mergeLog.map((e) => e.text).join('\n')).toMatch(/undo: `main` restored to/);
  });

  it('with a commit of the person on top, Undo is refused with the reason and Revert takes the merge out', async () => {
    const outcome = await service.mergeNext(view().id);
    expect(outcome.ok).toBe(true);
    const mine = await commitIn(repo.dir, { 'mine.txt': 'my own work\n' }, 'my own commit on main');
    await service.refreshAll();
    const backup = view().backups.find((b) => b.branch === 'main' && b.leftAt === outcome.newBaseSha);
    expect(backup).toBeDefined();
    await expect(service.undo(backup?.ref ?? '')).rejects.toThrow(/has moved since this merge.*Revert instead/);
    expect(await git('rev-parse', 'main')).toBe(mine);
    expect(view().lastAction).toMatchObject({ kind: 'undo', ok: false });

    const reverted = await service.revert(backup?.ref ?? '');
    expect(reverted.ok).toBe(true);
    expect(await git('rev-parse', 'main^')).toBe(mine);
    expect(await readFile(join(repo.dir, 'mine.txt'), 'utf8')).toBe('my own work\n');
    expect(await readFile(join(repo.dir, 'b.txt'), 'utf8')).not.toContain('B changed');
    expect(await git('status', '--porcelain')).toBe('');
    expect(view().lastAction).toMatchObject({ kind: 'revert', ok: true });
    const parsed = parsePlan(await readFile(planPath, 'utf8'), planPath);
    expect(parsed.mergeLog.map((e) => e.text).join('\n')).toMatch(/revert: new commit \w+ on `main`/);
    expect(parsed.sessionRegistry.find((r) => r.sessionName === 'sess-b')?.status).toBe('Done');
  });

  it('recovers a merge killed between the ref move and the checkout sync as soon as it starts, and says so', async () => {
    await service.stop();
    const crashed = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 'claude/b', strategy: 'merge', crashAfter: 'ref-moved' }).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(SimulatedCrash);
    // The checkout still has the old tree: it looks like a staged revert of the merge.
    expect(await git('status', '--porcelain')).not.toBe('');
    const toasts: string[] = [];
    store.replaceCollection('merge', {});
    service = new MergeService({ store, pollMs: 0, debounceMs: 5, toast: (t) => toasts.push(`${t.title}: ${t.body}`) });
    await service.start(); // no refresh asked for
    expect(await readAllJournals(repo.dir)).toEqual([]);
    expect(await git('status', '--porcelain')).toBe('');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatch(/^Recovered an interrupted merge: Recovered an interrupted merge of 'claude\/b' into 'main': .*completed/);
  });

  it('a flagged semantic conflict notes both approaches in the plan and holds the queue until resolved', async () => {
    const id = view().id;
    const held = await service.flagSemanticConflict(id, ['claude/a', 'claude/b'], 'A and B disagree on the config shape');
    expect(held.holds).toHaveLength(1);
    expect(held.next).toBeNull();
    const text = await readFile(planPath, 'utf8');
    const log = parsePlan(text, planPath).semanticConflicts.map((e) => e.text);
    expect(log[0]).toMatch(/HOLD [0-9a-f]{8}: `claude\/a` vs `claude\/b` — A and B disagree/);
    expect(log.some((l) => l.includes('`claude/a`: commits: "claude/a: work"; files: a.txt'))).toBe(true);
    expect(log.some((l) => l.includes('`claude/b`: commits: "claude/b: work"; files: b.txt'))).toBe(true);
    await expect(service.mergeNext(id)).rejects.toMatchObject({ code: 'refused' });
    const released = await service.resolveSemanticConflict(id, held.holds[0]?.id ?? '', 'keep B, adapt A');
    expect(released.holds).toHaveLength(0);
    expect(released.next).toBe('claude/b');
    expect((await service.mergeNext(id)).ok).toBe(true);
  });

  it('refuses to rebase or remove while there is uncommitted work, saying why', async () => {
    const wtA = Object.values(store.current.sessions).find((r) => r.git?.branch === 'claude/a')?.worktree?.path ?? '';
    await writeFile(join(wtA, 'a.txt'), 'uncommitted\n');
    await service.refreshAll();
    expect(verdictOf('claude/a')?.kind).toBe('blocked');
    await expect(service.rebase(view().id, 'claude/a')).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/uncommitted/) });
    await expect(service.removeWorktree(view().id, 'claude/a')).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/uncommitted/) });
    expect(await readFile(join(wtA, 'a.txt'), 'utf8')).toBe('uncommitted\n');
  });
});
