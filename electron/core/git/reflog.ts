import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execGit } from './execGit';
import { gitResult, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/** The shas `ref`'s reflog holds, newest first (`git reflog show --format=%H <ref> --`). */
export function reflogShas(cwd: string, ref: string, git: GitRunner = execGit): Promise<GitResult<string[]>> {
  return gitResult(git, ['reflog', 'show', '--format=%H', ref, '--'], { cwd }, (out) => out.split('\n').filter(Boolean));
}

/**
 * The message of `ref`'s newest reflog entry, read from `<commonGitDir>/logs/<ref>` without a process
 * (the merge view lists many backup refs at once); '' when the ref has no reflog.
 */
export async function lastReflogMessage(commonGitDir: string, ref: string): Promise<string> {
  try {
    const log = await readFile(join(commonGitDir, 'logs', ref), 'utf8');
    const last = log.trimEnd().split('\n').pop() ?? '';
    const tab = last.indexOf('\t');
    return tab === -1 ? '' : last.slice(tab + 1);
  } catch {
    return '';
  }
}
