import type { DispatchRowDraft, LaunchMode } from '../../../shared/domain/dispatch';
import { slugify } from './branchName';

const PERMISSION_FLAG: Readonly<Record<LaunchMode, string | null>> = {
  'Bypass permissions': '--permission-mode bypassPermissions',
  'Plan mode': '--permission-mode plan',
  'Ask permissions': null,
};

/** POSIX-shell quoting; a leading `~/` stays unquoted so it still expands. */
export function shellQuote(path: string): string {
  if (/^[A-Za-z0-9_./~-]+$/.test(path)) return path;
  if (path.startsWith('~/')) return `~/${shellQuote(path.slice(2))}`;
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Worktree name for a row: `<issue-id>-<focus slug>`, e.g. `cia-387-dispatch-rules`. */
export function worktreeName(row: Pick<DispatchRowDraft, 'issueId' | 'focus' | 'session'>): string {
  const parts = [slugify(row.issueId, 64), slugify(row.focus, 30)].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('-') : slugify(row.session) || 'session';
}

/** The worktree folder the mission's layout uses (formats.md §1.4): `<repo>-<issue>`, e.g. `claude-command-centre-cia-541`. */
export function worktreeFolderName(row: Pick<DispatchRowDraft, 'issueId' | 'focus' | 'session'>, repoPath: string): string {
  const repo = slugify(repoPath.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, ''), 40);
  const issue = slugify(row.issueId, 64) || worktreeName(row);
  return repo ? `${repo}-${issue}` : issue;
}

export interface LaunchCommandOptions {
  /** Where worktrees are created (default `~/.claude/worktrees`, the mission's layout). */
  worktreeRoot?: string;
}

/**
 * The CLI line that launches a row from its repo (§4 "Launch from: {REPO_PATH}"). A worktree
 * session first gets its worktree ON THE BRANCH THE PLAN RECORDS, then `claude` starts inside it —
 * `claude --worktree <name>` would name the branch `worktree-<name>` itself (formats.md §1.4), so the
 * queue and the plan would disagree. Solo sessions start in the repo; external agents get null.
 */
export function launchCommand(
  row: Pick<DispatchRowDraft, 'issueId' | 'focus' | 'session' | 'worktree' | 'launchAs' | 'branch'>,
  repoPath: string,
  options: LaunchCommandOptions = {},
): string | null {
  if (row.worktree === 'n/a') return null;
  const flag = row.launchAs ? PERMISSION_FLAG[row.launchAs] : null;
  const claude = ['claude', ...(flag ? [flag] : [])].join(' ');
  const repo = shellQuote(repoPath);
  if (row.worktree !== 'yes' || !row.branch) return `cd ${repo} && ${claude}`;
  const folder = `${(options.worktreeRoot ?? '~/.claude/worktrees').replace(/[\\/]+$/, '')}/${worktreeFolderName(row, repoPath)}`;
  const where = shellQuote(folder);
  return `cd ${repo} && git worktree add -b ${shellQuote(row.branch)} ${where} && cd ${where} && ${claude}`;
}
