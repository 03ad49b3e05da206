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

/** One line of a reflog file: `<old> <new> <ident> <unix-time> <tz>\t<message>`. */
export interface ReflogLine {
  oldSha: string;
  newSha: string;
  time: number;
  message: string;
}

/** Pure: parses a reflog file's text (lines it cannot read are skipped). */
export function parseReflog(text: string): ReflogLine[] {
  const out: ReflogLine[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64}) .* (\d+) [+-]\d{4}\t(.*)$/.exec(line);
    if (m) out.push({ oldSha: m[1] ?? '', newSha: m[2] ?? '', time: Number(m[3]), message: m[4] ?? '' });
  }
  return out;
}

/** A ref's reflog lines, read from `<commonGitDir>/logs/<ref>` without a process; null when it has none. */
export async function readReflog(commonGitDir: string, ref: string): Promise<ReflogLine[] | null> {
  try {
    return parseReflog(await readFile(join(commonGitDir, 'logs', ref), 'utf8'));
  } catch {
    return null;
  }
}
