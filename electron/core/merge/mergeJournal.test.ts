import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../testing/tempRepo';
import { listBackupRefs } from './backupRefs';
import { mergeBranch } from './mergeBranch';
import { MOVE_STEPS, readAllJournals, recoverInterrupted } from './mergeJournal';
import { SimulatedCrash } from './moveBranchRef';
import type { MergeStrategy } from '../../../shared/domain/merge';
import { captureInvariants, checkInvariants, editLine, repoWithFiles, session } from './testing/mergeFixtures';

let repo: TempRepo | null = null;
afterEach(async () => {
  await repo?.cleanup();
  repo = null;
});

describe('kill between every step, then recover', () => {
  const strategies: MergeStrategy[] = ['merge', 'rebase'];
  for (const strategy of strategies) {
    for (const step of MOVE_STEPS) {
      it(`${strategy}: crash after '${step}' → as-before or as-after, never half-way`, async () => {
        const r = await repoWithFiles();
        repo = r;
        await session(r, 's1', { 'a.txt': editLine('a', 1, 'A1') });
        // Base has moved on, so 'rebase' really replays (new commits, not a fast-forward).
        await r.write('b.txt', editLine('b', 4, 'main moved'));
        await r.commitAll('main moves');
        await r.write('untracked.txt', 'keep me\n');
        const before = await captureInvariants(r.dir);
        const old = (await r.git('rev-parse', 'main')).trim();

        const crashed = await mergeBranch({ repoDir: r.dir, base: 'main', branch: 's1', strategy, crashAfter: step }).catch((e: unknown) => e);
        expect(crashed).toBeInstanceOf(SimulatedCrash);
        expect(await readAllJournals(r.dir)).toHaveLength(1);
        // A second merge attempt before recovery refuses (never piles onto a half-done one).
        const blocked = await mergeBranch({ repoDir: r.dir, base: 'main', branch: 's1', strategy });
        expect(blocked.ok).toBe(false);

        const reports = await recoverInterrupted(r.dir);
        expect(reports).toHaveLength(1);
        expect(await readAllJournals(r.dir)).toEqual([]);
        const now = (await r.git('rev-parse', 'main')).trim();
        const backups = await listBackupRefs(r.dir, 'main');
        if (step === 'planned' || step === 'backed-up') {
          expect(reports[0]?.action).toBe('rolled-back');
          expect(now).toBe(old);
          expect(backups).toEqual([]);
        } else {
          expect(reports[0]?.action).toBe('rolled-forward');
          expect(now).not.toBe(old);
          expect(backups.map((b) => b.oldSha)).toEqual([old]);
          expect((await r.git('show', 'HEAD:a.txt'))).toContain('A1');
        }
        // The main checkout matches its branch exactly (no staged or unstaged leftovers).
        expect((await r.git('status', '--porcelain', '--untracked-files=no')).trim()).toBe('');
        const { lostCommits, changedFiles } = await checkInvariants(r.dir, before);
        expect(lostCommits).toEqual([]);
        expect(changedFiles).toEqual([]);
        // And merging works again afterwards.
        const again = await mergeBranch({ repoDir: r.dir, base: 'main', branch: 's1', strategy });
        expect(again.ok, again.message).toBe(true);
      });
    }
  }
});
