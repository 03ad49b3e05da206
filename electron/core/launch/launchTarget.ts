import { basename, join } from 'node:path';
import type { DispatchRowDraft } from '../../../shared/domain/dispatch';
import { branchName, slugify } from '../dispatch/branchName';

export interface LaunchTarget {
  branch: string;
  worktreePath: string;
}

/**
 * Where a row runs: its recorded branch (the Branch cell), else `{agent}/{issue-id}-{slug}` as the
 * row states it; the worktree `<Claude home>/worktrees/<repo>-<issue>`, lower-case
 * (e.g. `claude-command-centre-cia-541`), the mission's layout (formats.md §1.4). Pure.
 */
export function launchTarget(row: Pick<DispatchRowDraft, 'branch' | 'agent' | 'issueId' | 'focus' | 'session'>, repoPath: string, claudeHome: string): LaunchTarget {
  const recorded = row.branch?.trim() ?? '';
  const branch = recorded !== '' ? recorded : branchName(row.agent, row.issueId || row.session, row.focus);
  const repo = slugify(basename(repoPath), 64) || 'repo';
  const issue = slugify(row.issueId, 64) || slugify(row.session, 64) || 'session';
  return { branch, worktreePath: join(claudeHome, 'worktrees', `${repo}-${issue}`) };
}
