import { commitTree } from '../git/commitTree';
import { commitInfo } from '../git/log';
import { isAncestor } from '../git/mergeBase';
import { mergeTrees } from '../git/mergeTree';
import { treeOf } from '../git/revParse';
import { commitsWithParents } from '../git/revList';
import { scratchCommit } from './scratchCommit';

export type ReplayResult =
  | { ok: true; tip: string; replayed: number; skipped: number; fastForward: boolean }
  | { ok: false; code: 'conflict' | 'cannot-rebase'; message: string; files: string[] };

/**
 * Rebases `tip`'s commits (those not in `onto`) onto `onto` with objects only, no worktree:
 * each commit C (parent P) is cherry-picked with `merge-tree --write-tree` between C and a scratch
 * commit holding onto's tree with parent P, so the merge base is exactly P (git 2.39 has no
 * `merge-tree --merge-base`). Commits that become empty are dropped, like `git rebase`.
 */
export async function replayCommits(repoDir: string, onto: string, tip: string): Promise<ReplayResult> {
  if (await isAncestor(repoDir, onto, tip)) return { ok: true, tip, replayed: 0, skipped: 0, fastForward: true };
  const commits = await commitsWithParents(repoDir, `${onto}..${tip}`);
  const merges = commits.filter((c) => c.length !== 2);
  if (merges.length > 0) {
    return {
      ok: false,
      code: 'cannot-rebase',
      message: `the branch contains ${merges.length} merge or root commit(s) (${(merges[0]?.[0] ?? '').slice(0, 10)}…); replaying those needs a worktree: use the merge strategy, or rebase in the session's worktree`,
      files: [],
    };
  }
  let current = onto;
  let replayed = 0;
  let skipped = 0;
  for (const [sha, parent] of commits as Array<[string, string]>) {
    const currentTree = await treeOf(repoDir, current);
    const scratch = await scratchCommit(repoDir, currentTree, parent);
    const merged = await mergeTrees(repoDir, scratch, sha);
    if (!merged.ok) return { ok: false, code: 'cannot-rebase', message: merged.error, files: [] };
    if (merged.conflicts) {
      return { ok: false, code: 'conflict', message: `replaying ${sha.slice(0, 10)} conflicts in ${merged.files.join(', ')}`, files: merged.files };
    }
    if (merged.tree === currentTree) {
      skipped++;
      continue;
    }
    const info = await commitInfo(repoDir, sha);
    current = await commitTree(repoDir, merged.tree, [current], info.message, {
      GIT_AUTHOR_NAME: info.authorName,
      GIT_AUTHOR_EMAIL: info.authorEmail,
      GIT_AUTHOR_DATE: info.authorDate,
    });
    replayed++;
  }
  return { ok: true, tip: current, replayed, skipped, fastForward: false };
}
