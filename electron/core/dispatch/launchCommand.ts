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

/**
 * The CLI line that launches a row from its repo (§4 "Launch from: {REPO_PATH}"):
 * `cd <repo> && claude --worktree <name> [--permission-mode …]` for worktree sessions,
 * `cd <repo> && claude […]` for solo sessions, null for external agents (their own sandbox).
 */
export function launchCommand(
  row: Pick<DispatchRowDraft, 'issueId' | 'focus' | 'session' | 'worktree' | 'launchAs'>,
  repoPath: string,
): string | null {
  if (row.worktree === 'n/a') return null;
  const parts = [`cd ${shellQuote(repoPath)} && claude`];
  if (row.worktree === 'yes') parts.push(`--worktree ${worktreeName(row)}`);
  const flag = row.launchAs ? PERMISSION_FLAG[row.launchAs] : null;
  if (flag) parts.push(flag);
  return parts.join(' ');
}
