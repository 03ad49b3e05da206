import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../testing/tempRepo';
import { gitIn } from '../testing/tempRepo';
import { listBackupRefs, undo } from './backupRefs';
import { MergeQueue } from './mergeQueue';
import { mergeBranch } from './mergeBranch';
import { rebaseWorktree } from './rebaseWorktree';
import { removeWorktree } from './removeWorktree';
import { captureInvariants, checkInvariants, commitIn, editLine, repoWithFiles, session, type Invariants } from './testing/mergeFixtures';

let repo: TempRepo;
let before: Invariants;

async function start(): Promise<TempRepo> {
  repo = await repoWithFiles();
  return repo;
}

async function snapshot(): Promise<void> {
  before = await captureInvariants(repo.dir);
}

afterEach(async () => {
  // After EACH scenario: nothing reachable was lost, every uncommitted file is byte-identical.
  const { lostCommits, changedFiles } = await checkInvariants(repo.dir, before);
  expect(lostCommits).toEqual([]);
  expect(changedFiles).toEqual([]);
  await repo.cleanup();
});

const head = async (ref: string) => (await repo.git('rev-parse', ref)).trim();
const show = async (rev: string) => repo.git('show', rev);
const mainStatus = async () => (await repo.git('status', '--porcelain', '--untracked-files=no')).trim();

function queue(order: string[], strategy: 'merge' | 'squash' | 'rebase' = 'merge', statuses: Record<string, 'completed' | 'working' | 'failed'> = {}) {
  return new MergeQueue({
    repoDir: repo.dir,
    base: 'main',
    order,
    strategy,
    sessions: order.map((b) => ({ branch: b, status: statuses[b] ?? 'completed' })),
  });
}

describe('merge scenarios (real repos)', () => {
  it('clean merges in declared order, main checkout brought along, untracked file kept', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    await session(repo, 's3', { 'new/f.txt': 'new file\n' });
    await repo.write('scratch-notes.txt', 'mine, untracked\n');
    await snapshot();
    const changes: number[] = [];
    const q = new MergeQueue({
      repoDir: repo.dir,
      base: 'main',
      order: ['s1', 's2', 's3'],
      strategy: 'merge',
      sessions: ['s1', 's2', 's3'].map((b) => ({ branch: b, status: 'completed' as const })),
      onChange: () => changes.push(1),
    });
    const state = await q.refresh();
    expect(state.verdicts.map((v) => v.kind)).toEqual(['ready', 'waiting-turn', 'waiting-turn']);
    expect(state.verdicts[1]?.waitsFor).toBe('s1');
    expect(state.next).toBe('s1');
    for (const b of ['s1', 's2', 's3']) {
      const out = await q.mergeNext();
      expect(out.ok, out.message).toBe(true);
      expect(out.branch).toBe(b);
      expect(out.backupRefs).toHaveLength(1);
    }
    expect(q.state.verdicts.map((v) => v.kind)).toEqual(['merged', 'merged', 'merged']);
    expect(changes.length).toBeGreaterThan(3);
    expect(await mainStatus()).toBe('');
    expect(await show('main:a.txt')).toContain('A1');
    expect((await show('HEAD:new/f.txt')).trim()).toBe('new file');
    const log = await repo.git('log', '--format=%s', '-3', 'main');
    expect(log).toContain("Merge branch 's3' into main");
    expect((await listBackupRefs(repo.dir, 'main')).length).toBe(3);
    const nothing = await q.mergeNext();
    expect(nothing.ok).toBe(false);
  });

  it('out-of-order override needs a reason and returns it; order-only waits can be overridden', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    await snapshot();
    const q = queue(['s1', 's2']);
    const noReason = await q.mergeOutOfOrder('s2', '  ');
    expect(noReason.error?.code).toBe('override-reason-required');
    const out = await q.mergeOutOfOrder('s2', 'hotfix needed before the demo');
    expect(out.ok, out.message).toBe(true);
    expect(out.overrideReason).toBe('hotfix needed before the demo');
    expect(await repo.git('log', '-1', '--format=%B', 'main')).toContain('Merged out of the declared order: hotfix needed before the demo');
    expect(q.state.verdicts.map((v) => v.kind)).toEqual(['ready', 'merged']);
  });

  it('conflicting pair: predicted, second says will-conflict, then needs-rebase; rebase in its worktree fixes it', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 5, 'from s1') });
    const wt2 = await session(repo, 's2', { 'a.txt': editLine('a', 5, 'from s2'), 'c.txt': editLine('c', 2, 'C') });
    await snapshot();
    const q = queue(['s1', 's2']);
    let s = await q.refresh();
    expect(s.verdicts[1]).toMatchObject({ kind: 'will-conflict', waitsFor: 's1', conflictFiles: ['a.txt'], overridable: true });
    expect((await q.mergeNext()).ok).toBe(true);
    s = q.state;
    expect(s.verdicts[1]).toMatchObject({ kind: 'needs-rebase', conflictFiles: ['a.txt'] });
    expect(s.next).toBeNull();
    const refused = await q.mergeOutOfOrder('s2', 'just push it through please');
    expect(refused.ok).toBe(false);
    // Direct merge attempt refuses with the files, base untouched.
    const mainBefore = await head('main');
    const direct = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's2', strategy: 'merge' });
    expect(direct.error?.code).toBe('conflict');
    expect(direct.conflictFiles).toEqual(['a.txt']);
    expect(await head('main')).toBe(mainBefore);
    // The session rebases onto the new base: conflict → aborted cleanly, files reported.
    const s2Before = await head('s2');
    const rb = await rebaseWorktree({ worktreePath: wt2, onto: 'main', sessionStatus: 'completed' });
    expect(rb.ok).toBe(false);
    expect(rb.conflictFiles).toEqual(['a.txt']);
    expect(await head('s2')).toBe(s2Before);
    expect((await gitIn(wt2, 'status', '--porcelain')).trim()).toBe('');
    // A human resolves in the worktree (merging the new base in, keeping s1's line).
    const m = await gitIn(wt2, 'merge', '-q', 'main').catch((e: Error) => e);
    expect(m).toBeInstanceOf(Error);
    await writeFile(join(wt2, 'a.txt'), editLine('a', 5, 'from s1'));
    await gitIn(wt2, 'add', 'a.txt');
    await gitIn(wt2, 'commit', '-q', '--no-edit');
    s = await q.refresh();
    expect(s.verdicts[1]?.kind).toBe('ready');
    expect((await q.mergeNext()).ok).toBe(true);
  });

  it('rebase of the second session refuses while it is working or dirty', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    const wt2 = await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    await writeFile(join(wt2, 'wip.txt'), 'unsaved work\n');
    await snapshot();
    expect((await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' })).ok).toBe(true);
    const working = await rebaseWorktree({ worktreePath: wt2, onto: 'main', sessionStatus: 'working' });
    expect(working.ok).toBe(false);
    expect(working.message).toMatch(/still working/);
    const dirty = await rebaseWorktree({ worktreePath: wt2, onto: 'main', sessionStatus: 'completed' });
    expect(dirty.ok).toBe(false);
    expect(dirty.message).toMatch(/uncommitted/);
  });

  it('squash strategy: one commit on main, branch counted as merged by content', async () => {
    await start();
    const wt = await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await commitIn(wt, { 'b.txt': editLine('b', 2, 'B2') }, 'second commit');
    await snapshot();
    const q = queue(['s1'], 'squash');
    const mainBefore = await head('main');
    const out = await q.mergeNext();
    expect(out.ok, out.message).toBe(true);
    expect((await repo.git('rev-list', '--parents', '-1', 'main')).trim().split(' ')).toEqual([out.newBaseSha, mainBefore]);
    expect(await repo.git('log', '-1', '--format=%B', 'main')).toContain('second commit');
    expect(q.state.verdicts[0]?.kind).toBe('merged');
    const rm1 = await removeWorktree({ repoDir: repo.dir, worktreePath: wt, branch: 's1', base: 'main' });
    expect(rm1.ok, rm1.message).toBe(true);
    expect(rm1.deletedBranch).toBe(true);
  });

  it('rebase strategy: replays commits linearly onto a moved base, keeps authors; fast-forwards when possible', async () => {
    await start();
    const wt1 = await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await commitIn(wt1, { 'a.txt': editLine('a', 1, 'A1') + 'tail\n' }, 's1 second');
    await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    await snapshot();
    const q = queue(['s2', 's1'], 'rebase');
    const ff = await q.mergeNext();
    expect(ff.ok, ff.message).toBe(true);
    expect(ff.message).toMatch(/fast-forward/);
    expect(await head('main')).toBe(await head('s2'));
    const rb = await q.mergeNext();
    expect(rb.ok, rb.message).toBe(true);
    expect(rb.message).toMatch(/replayed 2 commit/);
    const parents = (await repo.git('rev-list', '--parents', '-3', 'main')).trim().split('\n').map((l) => l.split(' ').length);
    expect(parents).toEqual([2, 2, 2]);
    expect(await show('main:a.txt')).toContain('tail');
    expect(await show('main:b.txt')).toContain('B2');
    expect(q.state.verdicts.map((v) => v.kind)).toEqual(['merged', 'merged']);
    expect(await mainStatus()).toBe('');
  });

  it('base moved during a merge: compare-and-swap fails safely and the queue re-plans', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await snapshot();
    const q = queue(['s1']);
    await q.refresh();
    const planned = q.state.matrix?.baseHead ?? '';
    // Someone commits on main (in the main checkout) after the plan was made.
    await repo.write('d.txt', editLine('d', 3, 'D'));
    const moved = await repo.commitAll('someone else');
    before = await captureInvariants(repo.dir);
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge', expectedBaseSha: planned });
    expect(out.error?.code).toBe('base-moved');
    expect(await head('main')).toBe(moved);
    expect(await listBackupRefs(repo.dir, 'main')).toEqual([]);
    // The queue re-plans from the repo as it is and then merges.
    const again = await q.mergeNext();
    expect(again.ok, again.message).toBe(true);
    expect(again.oldBaseSha).toBe(moved);
  });

  it('deleted branch and force-pushed branch mid-queue', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    const wt2 = await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    await session(repo, 's3', { 'c.txt': editLine('c', 1, 'C3') });
    await snapshot();
    const q = queue(['s1', 's2', 's3']);
    await q.refresh();
    // s1 branch deleted by someone (its commit is kept reachable by a ref for the invariant check).
    await repo.git('update-ref', 'refs/keep/s1', 's1');
    await repo.git('worktree', 'remove', '--force', (await q.state.facts.find((f) => f.branch === 's1'))?.worktreePath ?? '');
    await repo.git('branch', '-D', 's1');
    // s2 is "force-pushed": rewritten to a different commit.
    await repo.git('update-ref', 'refs/keep/s2-old', 's2');
    await gitIn(wt2, 'reset', '-q', '--hard', 'main');
    await commitIn(wt2, { 'b.txt': editLine('b', 9, 'rewritten') }, 's2 rewritten');
    before = await captureInvariants(repo.dir);
    const s = await q.refresh();
    expect(s.verdicts.map((v) => v.kind)).toEqual(['missing', 'ready', 'waiting-turn']);
    const out = await q.mergeNext();
    expect(out.ok, out.message).toBe(true);
    expect(out.branch).toBe('s2');
    expect(await show('main:b.txt')).toContain('rewritten');
    // Direct merge of a missing branch refuses.
    expect((await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' })).error?.code).toBe('branch-missing');
  });

  it('missing worktree folder: the branch is still mergeable; removal cleans up the entry', async () => {
    await start();
    const wt = await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await rm(wt, { recursive: true, force: true });
    await snapshot();
    const q = queue(['s1']);
    const s = await q.refresh();
    expect(s.verdicts[0]?.kind).toBe('ready');
    expect(s.verdicts[0]?.reason).toMatch(/worktree folder is gone/);
    expect((await q.mergeNext()).ok).toBe(true);
    const removed = await removeWorktree({ repoDir: repo.dir, worktreePath: wt, branch: 's1', base: 'main' });
    expect(removed.ok, removed.message).toBe(true);
    expect(await repo.git('branch', '--list', 's1')).toBe('');
  });

  it('index.lock in the session worktree blocks; in the base checkout refuses the merge', async () => {
    await start();
    const wt = await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await snapshot();
    const gitDir = (await gitIn(wt, 'rev-parse', '--absolute-git-dir')).trim();
    await writeFile(join(gitDir, 'index.lock'), '');
    const q = queue(['s1']);
    let s = await q.refresh();
    expect(s.verdicts[0]).toMatchObject({ kind: 'blocked', overridable: false });
    expect(s.verdicts[0]?.reason).toMatch(/index\.lock/);
    await rm(join(gitDir, 'index.lock'));
    await writeFile(join(repo.dir, '.git', 'index.lock'), '');
    const mainBefore = await head('main');
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    expect(out.error?.code).toBe('checkout-busy');
    expect(await head('main')).toBe(mainBefore);
    await rm(join(repo.dir, '.git', 'index.lock'));
    s = await q.refresh();
    expect(s.verdicts[0]?.kind).toBe('ready');
  });

  it('dirty base checkout refuses; a session worktree with uncommitted work is blocked', async () => {
    await start();
    const wt = await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await repo.write('c.txt', 'my local edit\n');
    await writeFile(join(wt, 'd.txt'), 'session wip\n');
    await snapshot();
    const q = queue(['s1']);
    const s = await q.refresh();
    expect(s.verdicts[0]?.kind).toBe('blocked');
    expect(s.verdicts[0]?.blockers[0]).toMatch(/uncommitted/);
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    expect(out.error?.code).toBe('base-checkout-dirty');
    expect(out.message).toMatch(/c\.txt/);
  });

  it('detached HEAD in the session worktree blocks the branch', async () => {
    await start();
    const wt = await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await gitIn(wt, 'checkout', '-q', '--detach');
    await commitIn(wt, { 'a.txt': editLine('a', 2, 'detached work') }, 'on detached head');
    await repo.git('update-ref', 'refs/keep/detached', (await gitIn(wt, 'rev-parse', 'HEAD')).trim());
    await snapshot();
    const q = new MergeQueue({ repoDir: repo.dir, base: 'main', order: ['s1'], strategy: 'merge', sessions: [{ branch: 's1', status: 'completed', worktreePath: wt }] });
    const s = await q.refresh();
    expect(s.verdicts[0]?.kind).toBe('blocked');
    expect(s.verdicts[0]?.reason).toMatch(/detached HEAD/);
    const rb = await rebaseWorktree({ worktreePath: wt, onto: 'main', sessionStatus: 'completed' });
    expect(rb.ok).toBe(false);
  });

  it('hooks: merge hooks are not run and reported (or refused); a failing pre-rebase hook stops a worktree rebase', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    const wt2 = await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    const hooks = join(repo.dir, '.git', 'hooks');
    await mkdir(hooks, { recursive: true });
    for (const name of ['pre-merge-commit', 'post-merge', 'pre-rebase']) {
      await writeFile(join(hooks, name), '#!/bin/sh\necho "hook says no" >&2\nexit 1\n');
      await chmod(join(hooks, name), 0o755);
    }
    await snapshot();
    const refused = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge', hookPolicy: 'refuse' });
    expect(refused.error?.code).toBe('hook-refused');
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    expect(out.ok).toBe(true);
    expect(out.warnings.join(' ')).toMatch(/hooks not run.*pre-merge-commit, post-merge/);
    const s2Before = await head('s2');
    const rb = await rebaseWorktree({ worktreePath: wt2, onto: 'main', sessionStatus: 'completed' });
    expect(rb.ok).toBe(false);
    expect(rb.conflictFiles).toEqual([]);
    expect(rb.message).toMatch(/refused/);
    expect(await head('s2')).toBe(s2Before);
  });

  it('signing required by config: refuses clearly instead of making unsigned commits', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await repo.git('config', 'commit.gpgSign', 'true');
    await snapshot();
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    expect(out.error?.code).toBe('signing-required');
    // A fast-forward creates no commit, so it is allowed.
    const ff = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'rebase' });
    expect(ff.ok, ff.message).toBe(true);
  });

  it('a branch with no common base is blocked with that reason', async () => {
    await start();
    await repo.git('checkout', '-q', '--orphan', 'orphan');
    await repo.git('rm', '-rqf', '.');
    await repo.write('z.txt', 'unrelated\n');
    await repo.commitAll('orphan root');
    await repo.git('checkout', '-q', 'main');
    await snapshot();
    const s = await queue(['orphan']).refresh();
    expect(s.verdicts[0]?.kind).toBe('blocked');
    expect(s.verdicts[0]?.reason).toMatch(/no common base/);
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 'orphan', strategy: 'merge' });
    expect(out.ok).toBe(false);
    expect(out.message).toMatch(/unrelated/);
  });

  it('failed session is blocked for review; override with a reason merges it; waiting sessions wait', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await session(repo, 's2', { 'b.txt': editLine('b', 1, 'B2') });
    await snapshot();
    const q = queue(['s1', 's2'], 'merge', { s1: 'failed', s2: 'working' });
    const s = await q.refresh();
    expect(s.verdicts.map((v) => v.kind)).toEqual(['blocked', 'waiting-session']);
    expect(s.next).toBeNull();
    const out = await q.mergeOutOfOrder('s1', 'reviewed the diff by hand, it is fine');
    expect(out.ok, out.message).toBe(true);
  });

  it('undo restores the base by compare-and-swap and keeps the merge reachable', async () => {
    await start();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    await snapshot();
    const mainBefore = await head('main');
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    const backup = out.backupRefs[0];
    expect(backup?.reason).toMatch(/merge s1 into main/);
    const wrong = await undo(repo.dir, backup?.ref ?? '', mainBefore);
    expect(wrong.error?.code).toBe('base-moved');
    const ok = await undo(repo.dir, backup?.ref ?? '', out.newBaseSha ?? '');
    expect(ok.ok).toBe(true);
    expect(await head('main')).toBe(mainBefore);
    expect(await mainStatus()).toBe('');
    expect(ok.backupRef?.oldSha).toBe(out.newBaseSha);
  });
});
