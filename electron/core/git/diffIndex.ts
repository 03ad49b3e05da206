import { execGit } from './execGit';

/** True when the worktree's index holds exactly `rev`'s tree (`git diff-index --cached --quiet`). */
export async function indexMatchesTree(cwd: string, rev: string): Promise<boolean> {
  return (await execGit(['diff-index', '--cached', '--quiet', rev, '--'], { cwd })).code === 0;
}
