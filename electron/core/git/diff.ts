import { execGit, GitCommandError } from './execGit';
import { gitResult, splitZ, type GitResult } from './gitResult';
import type { GitRunner } from './gitRunner';

/**
 * `git diff --name-only -z <range>`: the paths a range changes, in git's order. `noRenames` lists a
 * renamed file under both names' change (as a delete and an add) instead of its new name only.
 */
export function diffNames(cwd: string, range: string, options: { noRenames?: boolean } = {}, git: GitRunner = execGit): Promise<GitResult<string[]>> {
  return gitResult(git, ['diff', '--name-only', '-z', ...(options.noRenames ? ['--no-renames'] : []), range], { cwd }, splitZ);
}

/** Paths left unmerged by a merge, rebase or cherry-pick that stopped on conflicts. */
export function unmergedPaths(cwd: string): Promise<GitResult<string[]>> {
  return gitResult(execGit, ['diff', '--name-only', '-z', '--diff-filter=U'], { cwd }, splitZ);
}

/**
 * `git diff` between two commits, for review. Options are pinned so a person's diff config
 * (external diff tools, textconv, no-prefix, colour, mnemonic prefixes) cannot change the output.
 */
const PINNED = ['--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * Raw `git diff --numstat -z <revs>`: one entry per file, in git's order, renames detected.
 * `revs` as git takes them: `[from, to]`, or `['base...head']` for the diff since their merge-base.
 */
export async function diffNumstat(cwd: string, revs: readonly string[]): Promise<string> {
  const args = ['diff', ...PINNED, '--numstat', '-z', ...revs];
  const run = await execGit(args, { cwd });
  if (run.code !== 0) throw new GitCommandError(args, run);
  return run.stdout;
}

/**
 * Raw unified patch `git diff <revs>`, leaving out `exclude` (files too large to show), in the
 * same file order as diffNumstat. Rejects with a clear message when the output passes `maxBytes`.
 */
export async function diffPatch(cwd: string, revs: readonly string[], exclude: readonly string[], maxBytes: number): Promise<string> {
  const pathspecs = exclude.length > 0 ? ['--', '.', ...exclude.map((p) => `:(exclude,literal)${p}`)] : [];
  const args = ['diff', ...PINNED, '--patch', ...revs, ...pathspecs];
  const run = await execGit(args, { cwd, maxBuffer: maxBytes }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
      throw new Error(`the patch is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    }
    throw error;
  });
  if (run.code !== 0) throw new GitCommandError(args, run);
  return run.stdout;
}
