import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../testing/tempRepo';
import { DIFF_LIMITS } from './diffBudget';
import { readBranchDiff } from './readBranchDiff';
import { readReviewDiff } from './readReviewDiff';
import type { ReviewTarget } from './reviewTarget';

const repos: TempRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

function target(repo: TempRepo, branch: string, conflictingBranches: string[] = []): ReviewTarget {
  return { cwd: repo.dir, base: 'main', baseRev: 'refs/heads/main', branch, headRev: `refs/heads/${branch}`, conflictingBranches };
}

async function repoWithFeature(): Promise<TempRepo> {
  const repo = await createTempRepo();
  repos.push(repo);
  await repo.write('src/app.ts', ['export const a = 1;', 'export const b = 2;', 'export const c = 3;', ''].join('\n'));
  await repo.write('docs/old-name.md', 'same words\n'.repeat(20));
  await repo.write('gone.txt', 'bye\n');
  await repo.commitAll('base');
  await repo.git('checkout', '-q', '-b', 'feature');
  await repo.write('src/app.ts', ['export const a = 1;', 'export const b = 20;', 'export const c = 3;', ''].join('\n'));
  await repo.git('mv', 'docs/old-name.md', 'docs/new name.md');
  await repo.git('rm', '-q', 'gone.txt');
  await writeFile(join(repo.dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0]));
  await repo.write('generated.lock', Array.from({ length: 25_000 }, (_, i) => `line ${i}`).join('\n') + '\n');
  await repo.commitAll('feature work');
  return repo;
}

describe('readReviewDiff', () => {
  it('shows exactly what a merge would bring: the merge-base diff, not the base moving on', async () => {
    const repo = await repoWithFeature();
    // The base moves on after the branch started: its own change must not show up as the branch's.
    await repo.git('checkout', '-q', 'main');
    await repo.write('base-only.txt', 'main moved\n');
    await repo.commitAll('main moves on');

    const review = await readReviewDiff(target(repo, 'feature'));
    const byPath = new Map(review.files.map((f) => [f.path, f]));
    expect([...byPath.keys()].sort()).toEqual(['docs/new name.md', 'generated.lock', 'gone.txt', 'logo.png', 'src/app.ts']);
    expect(byPath.has('base-only.txt')).toBe(false);
    expect(review.mergeBase).toBe((await repo.git('merge-base', 'main', 'feature')).trim());

    const app = byPath.get('src/app.ts');
    expect(app).toMatchObject({ status: 'modified', additions: 1, deletions: 1, summarised: null, binary: false });
    expect(app?.hunks[0]?.lines).toEqual([' export const a = 1;', '-export const b = 2;', '+export const b = 20;', ' export const c = 3;']);

    expect(byPath.get('docs/new name.md')).toMatchObject({ status: 'renamed', oldPath: 'docs/old-name.md', hunks: [] });
    expect(byPath.get('gone.txt')).toMatchObject({ status: 'deleted', deletions: 1 });
    expect(byPath.get('logo.png')).toMatchObject({ status: 'added', binary: true, hunks: [] });

    const lock = byPath.get('generated.lock');
    expect(lock?.additions).toBe(25_000);
    expect(lock?.hunks).toEqual([]);
    expect(lock?.summarised).toMatch(/25,000 lines changed: too large/);
    expect(review.conflicts).toEqual([]);
  });

  it('shows the conflict hunks git merge-tree predicts against the base and against another branch', async () => {
    const repo = await createTempRepo();
    repos.push(repo);
    await repo.write('commands/go.md', ['# go', 'step one', 'step two', 'step three', ''].join('\n'));
    await repo.commitAll('base');
    await repo.git('branch', 'other');
    await repo.git('checkout', '-q', '-b', 'feature');
    await repo.write('commands/go.md', ['# go', 'step one', 'step 2 (feature)', 'step three', ''].join('\n'));
    await repo.commitAll('feature edits go');
    await repo.git('checkout', '-q', 'other');
    await repo.write('commands/go.md', ['# go', 'step one', 'step 2 (other)', 'step three', ''].join('\n'));
    await repo.commitAll('other edits go');
    await repo.git('checkout', '-q', 'main');
    await repo.write('commands/go.md', ['# go', 'step one', 'step 2 (main)', 'step three', ''].join('\n'));
    await repo.commitAll('main edits go');
    const before = await repo.git('status', '--porcelain');

    const review = await readReviewDiff(target(repo, 'feature', ['other']));
    expect(review.conflicts.map((c) => [c.against, c.againstIsBase, c.files.map((f) => f.path)])).toEqual([
      ['main', true, ['commands/go.md']],
      ['other', false, ['commands/go.md']],
    ]);
    const hunk = review.conflicts[0]?.files[0]?.hunks[0];
    expect(hunk).toMatchObject({ line: 3, before: ['# go', 'step one'], ours: ['step 2 (main)'], theirs: ['step 2 (feature)'], after: ['step three'] });
    expect(review.conflicts[1]?.files[0]?.hunks[0]?.ours).toEqual(['step 2 (other)']);
    expect(review.conflicts[0]?.files[0]?.messages.join(' ')).toMatch(/CONFLICT \(content\)/);
    // Nothing in the working tree moved.
    expect(await repo.git('status', '--porcelain')).toBe(before);
  });

  it('says which side is missing instead of failing silently', async () => {
    const repo = await repoWithFeature();
    await expect(readReviewDiff(target(repo, 'no-such-branch'))).rejects.toThrow(/'no-such-branch' does not exist/);
  });
});

describe('readReviewDiff edge cases', () => {
  it('reads the patch again without the too-large files when the whole patch passes its byte cap', async () => {
    const repo = await repoWithFeature();
    const base = (await repo.git('rev-parse', 'main')).trim();
    const head = (await repo.git('rev-parse', 'feature')).trim();
    // generated.lock alone is ~250 KB of patch: over the cap, so the first read fails and is redone without it.
    const diff = await readBranchDiff(repo.dir, base, head, { ...DIFF_LIMITS, patchBytes: 64 * 1024 });
    expect(diff.limited).toBeNull();
    expect(diff.files.find((f) => f.path === 'src/app.ts')?.hunks).toHaveLength(1);
    expect(diff.files.find((f) => f.path === 'generated.lock')).toMatchObject({ hunks: [], summarised: expect.stringMatching(/too large/) });
  });

  it('says the hunks could not be read when even the bounded patch is too large, and still lists every file', async () => {
    const repo = await repoWithFeature();
    const base = (await repo.git('rev-parse', 'main')).trim();
    const head = (await repo.git('rev-parse', 'feature')).trim();
    const diff = await readBranchDiff(repo.dir, base, head, { ...DIFF_LIMITS, patchBytes: 16 });
    expect(diff.limited).toMatch(/could not be read: the patch is larger than/);
    expect(diff.files).toHaveLength(5);
    expect(diff.files.every((f) => f.hunks.length === 0)).toBe(true);
  });

  it('reviews a branch with no common history as all new', async () => {
    const repo = await createTempRepo();
    repos.push(repo);
    await repo.write('a.txt', 'base\n');
    await repo.commitAll('base');
    await repo.git('checkout', '-q', '--orphan', 'island');
    await repo.git('rm', '-q', '-r', '--cached', '.');
    await repo.write('a.txt', 'island\n');
    await repo.commitAll('island');
    const review = await readReviewDiff(target(repo, 'island'));
    expect(review.mergeBase).toBeNull();
    expect(review.files.map((f) => [f.path, f.status, f.additions])).toEqual([['a.txt', 'added', 1]]);
  });
});
