import { execGit } from './execGit';

/** `git update-index -q --refresh`: re-stats files so a later read-tree sees real changes only, not touched timestamps. */
export async function refreshIndex(cwd: string): Promise<void> {
  await execGit(['update-index', '-q', '--refresh'], { cwd });
}
