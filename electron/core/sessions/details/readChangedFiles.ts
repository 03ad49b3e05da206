import { diffNames } from '../../git/diff';
import { tolerantGit, type GitRunner } from '../../git/gitRunner';
import { uncommittedPaths } from '../../git/parseStatus';
import { readStatus } from '../../git/status';
import { compareByMeaning, withoutWorkflowState } from '../workflow/workflowFiles';

/** The panel lists files, it is not a diff tool: a few hundred names are plenty. */
export const MAX_FILES = 300;

export interface ChangedFiles {
  uncommitted: string[];
  changedVsBase: string[];
  errors: string[];
}

/** Uncommitted paths now, and the paths the branch changed since its merge-base with `baseRef`. */
export async function readChangedFiles(cwd: string, baseRef: string | null, git: GitRunner = tolerantGit): Promise<ChangedFiles> {
  const errors: string[] = [];
  const [status, diff] = await Promise.all([
    readStatus(cwd, { untracked: 'all' }, git),
    baseRef ? diffNames(cwd, `${baseRef}...HEAD`, { noRenames: true }, git) : Promise.resolve(null),
  ]);
  let uncommitted: string[] = [];
  if (status.ok) uncommitted = uncommittedPaths({ ...status.value, entries: withoutWorkflowState(status.value.entries) });
  else errors.push(`git status: ${status.error}`);
  let changedVsBase: string[] = [];
  if (diff?.ok) changedVsBase = diff.value.sort(compareByMeaning);
  else if (diff) errors.push(`git diff ${baseRef ?? ''}: ${diff.error}`);
  return { uncommitted: uncommitted.slice(0, MAX_FILES), changedVsBase: changedVsBase.slice(0, MAX_FILES), errors };
}
