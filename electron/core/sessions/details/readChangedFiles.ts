import { parseStatusV2, uncommittedPaths } from '../git/parseStatus';
import type { GitRunner } from '../git/runGit';
import { firstLine } from './readRecentCommits';
import { compareByMeaning, withoutWorkflowState } from '../workflow/workflowFiles';

/** The panel lists files, it is not a diff tool: a few hundred names are plenty. */
export const MAX_FILES = 300;

export interface ChangedFiles {
  uncommitted: string[];
  changedVsBase: string[];
  errors: string[];
}

function splitZ(text: string): string[] {
  return text.split('\0').filter((s) => s.length > 0);
}

/** Uncommitted paths now, and the paths the branch changed since its merge-base with `baseRef`. */
export async function readChangedFiles(git: GitRunner, cwd: string, baseRef: string | null): Promise<ChangedFiles> {
  const errors: string[] = [];
  const [statusRun, diffRun] = await Promise.all([
    git(['status', '--porcelain=v2', '-z', '--untracked-files=all'], cwd),
    baseRef ? git(['diff', '--name-only', '-z', '--no-renames', `${baseRef}...HEAD`], cwd) : Promise.resolve(null),
  ]);
  let uncommitted: string[] = [];
  if (statusRun.code === 0) {
    const status = parseStatusV2(statusRun.stdout);
    uncommitted = uncommittedPaths({ ...status, entries: withoutWorkflowState(status.entries) });
  }
  else errors.push(`git status: ${firstLine(statusRun.stderr) || `exit ${statusRun.code}`}`);
  let changedVsBase: string[] = [];
  if (diffRun && diffRun.code === 0) changedVsBase = splitZ(diffRun.stdout).sort(compareByMeaning);
  else if (diffRun) errors.push(`git diff ${baseRef ?? ''}: ${firstLine(diffRun.stderr) || `exit ${diffRun.code}`}`);
  return { uncommitted: uncommitted.slice(0, MAX_FILES), changedVsBase: changedVsBase.slice(0, MAX_FILES), errors };
}
