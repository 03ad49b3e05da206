import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitIn, type TempRepo } from '../testing/tempRepo';
import { listBackupRefs, undo } from './backupRefs';
import { mergeBranch } from './mergeBranch';
import { revertMove } from './revertMove';
import { commitIn, editLine, repoWithFiles, session } from './testing/mergeFixtures';

let repo: TempRepo;
afterEach(async () => {
  await repo?.cleanup();
});

const head = async (branch: string): Promise<string> => (await gitIn(repo.dir, 'rev-parse', branch)).trim();

async function mergedThenCommittedOn(): Promise<{ mergeSha: string; userSha: string; backupRef: string }> {
  repo = await repoWithFiles();
  await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1 from the session'), 'new-from-s1.txt': 'session file\n' });
  const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
  expect(out.ok, out.message).toBe(true);
  // The person commits on main in their own checkout, on top of the merge.
  const userSha = await commitIn(repo.dir, { 'b.txt': editLine('b', 5, 'B5 typed by the person'), 'mine.txt': 'mine\n' }, 'my own work');
  return { mergeSha: out.newBaseSha ?? '', userSha, backupRef: out.backupRefs[0]?.ref ?? '' };
}

describe('undo after a person committed on top of a merge', () => {
  it('refuses the reset with the reason, and revert keeps their commit while taking the merge out', async () => {
    const { mergeSha, userSha, backupRef } = await mergedThenCommittedOn();
    const backup = (await listBackupRefs(repo.dir, 'main')).find((b) => b.ref === backupRef);
    expect(backup?.leftAt).toBe(mergeSha);

    // Even when the caller "saw" the new head, the reset is refused: it would throw the commit away.
    const refused = await undo(repo.dir, backupRef, userSha);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('base-moved');
    expect(refused.error?.message).toMatch(/has moved since this merge.*Revert instead/);
    expect(await head('main')).toBe(userSha);
    await writeFile(join(repo.dir, 'scratch-uncommitted.txt'), 'not committed\n');

    const reverted = await revertMove(repo.dir, backupRef, backup ?? { oldSha: '', createdAt: '', reason: '' });
    expect(reverted.ok, reverted.error?.message).toBe(true);
    expect(reverted.revertedSha).toBe(mergeSha);
    const newHead = await head('main');
    expect(newHead).toBe(reverted.revertSha);
    expect((await gitIn(repo.dir, 'rev-parse', 'main^')).trim()).toBe(userSha); // a new commit on top, history kept
    // The person's work stays; the merged changes are gone; the checkout follows; uncommitted work untouched.
    expect(await readFile(join(repo.dir, 'mine.txt'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(repo.dir, 'b.txt'), 'utf8')).toContain('B5 typed by the person');
    expect(await readFile(join(repo.dir, 'a.txt'), 'utf8')).not.toContain('A1 from the session');
    await expect(readFile(join(repo.dir, 'new-from-s1.txt'), 'utf8')).rejects.toThrow();
    expect(await readFile(join(repo.dir, 'scratch-uncommitted.txt'), 'utf8')).toBe('not committed\n');
    expect((await gitIn(repo.dir, 'status', '--porcelain')).trim()).toBe('?? scratch-uncommitted.txt');
    expect(await gitIn(repo.dir, 'log', '-1', '--format=%s', 'main')).toMatch(/^Revert "Merge branch 's1' into main"/);
  });

  it('still undoes while the base is exactly where the merge left it', async () => {
    repo = await repoWithFiles();
    const before = await head('main');
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    const ok = await undo(repo.dir, out.backupRefs[0]?.ref ?? '', out.newBaseSha ?? '');
    expect(ok.ok, ok.error?.message).toBe(true);
    expect(await head('main')).toBe(before);
  });

  it('refuses a revert whose lines the later commits changed again, and changes nothing', async () => {
    repo = await repoWithFiles();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1 from the session') });
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    const userSha = await commitIn(repo.dir, { 'a.txt': editLine('a', 1, 'A1 rewritten by the person') }, 'rewrite line 1');
    const backup = (await listBackupRefs(repo.dir, 'main'))[0];
    const result = await revertMove(repo.dir, out.backupRefs[0]?.ref ?? '', backup ?? { oldSha: '', createdAt: '', reason: '' });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('conflict');
    expect(result.conflictFiles).toEqual(['a.txt']);
    expect(await head('main')).toBe(userSha);
  });
});

describe('undo without a reflog to ask', () => {
  it('still undoes a merge sitting right on the backup, and refuses once a commit is on top', async () => {
    repo = await repoWithFiles();
    await session(repo, 's1', { 'a.txt': editLine('a', 1, 'A1') });
    const out = await mergeBranch({ repoDir: repo.dir, base: 'main', branch: 's1', strategy: 'merge' });
    const backupRef = out.backupRefs[0]?.ref ?? '';
    await gitIn(repo.dir, 'reflog', 'expire', '--expire=now', '--all');
    expect((await listBackupRefs(repo.dir, 'main'))[0]?.leftAt).toBeNull();
    const userSha = await commitIn(repo.dir, { 'mine.txt': 'mine\n' }, 'mine');
    const refused = await undo(repo.dir, backupRef, userSha);
    expect(refused.error?.message).toMatch(/cannot tell where this move left 'main'/);
    expect(await head('main')).toBe(userSha);
    await gitIn(repo.dir, 'reset', '-q', '--hard', out.newBaseSha ?? '');
    const ok = await undo(repo.dir, backupRef, out.newBaseSha ?? '');
    expect(ok.ok, ok.error?.message).toBe(true);
  });
});
