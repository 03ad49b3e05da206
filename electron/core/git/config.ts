import { execGit, gitOk } from './execGit';
import { gitFailure, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

export async function configValue(cwd: string, key: string): Promise<string | null> {
  const run = await execGit(['config', '--get', key], { cwd });
  return run.code === 0 ? run.stdout.trim() : null;
}

export async function configBool(cwd: string, key: string): Promise<boolean> {
  const run = await execGit(['config', '--type=bool', '--get', key], { cwd });
  return run.code === 0 && run.stdout.trim() === 'true';
}

/**
 * Every `key value` whose key matches `pattern` (`git config --get-regexp`; keys come back lower-cased
 * by git except the subsection). Exit 1 means "no such key": an empty list, not a failure.
 */
export async function configEntries(cwd: string, pattern: string, git: GitRunner = execGit): Promise<GitResult<Array<{ key: string; value: string }>>> {
  const args = ['config', '--get-regexp', pattern];
  const run = await git(args, { cwd });
  if (run.code > 1) return gitFailure(args, run);
  const entries: Array<{ key: string; value: string }> = [];
  for (const line of run.code === 0 ? run.stdout.split('\n') : []) {
    if (line === '') continue;
    const space = line.indexOf(' ');
    entries.push({ key: space === -1 ? line : line.slice(0, space), value: space === -1 ? '' : line.slice(space + 1).trim() });
  }
  return { ok: true, value: entries };
}

export async function setConfig(cwd: string, key: string, value: string, env?: Record<string, string>): Promise<void> {
  await gitOk(['config', key, value], { cwd, ...(env ? { env } : {}) });
}

/** `git config --unset <key>`; a key that is not set (exit 5) is already what was asked. */
export async function unsetConfig(cwd: string, key: string, git: GitRunner = execGit): Promise<GitResult<void>> {
  const args = ['config', '--unset', key];
  const run = await git(args, { cwd });
  return run.code === 0 || run.code === 5 ? { ok: true, value: undefined } : gitFailure(args, run);
}
