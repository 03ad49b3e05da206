/**
 * Which uncommitted paths are the workflow's own state rather than the person's work.
 *
 * The execution loop keeps `.ccc-state.json` and `.ccc-progress.md` at the root of every worktree
 * (formats.md §2.2), and Claude Code keeps its worktrees in `.claude/worktrees/` and per-user
 * permissions in `.claude/settings.local.json`; `CLAUDE.local.md` is the personal memory file Claude
 * Code documents as never committed. Left untracked, none of them is work that could be lost or that
 * two branches could fight over, so they must not make a session Stale or make two sessions collide.
 *
 * Everything else under `.claude/` stays the person's work: `commands/`, `agents/`, `skills/`, `hooks/`
 * and `settings.json` are written to be committed, and a new command not yet committed is exactly
 * the kind of loose work a Stale status should point at. A TRACKED file is always the person's work,
 * whatever its name: only untracked (or ignored) entries are ever set aside.
 */

const ROOT_STATE_FILES = new Set(['.ccc-state.json', '.ccc-progress.md', 'CLAUDE.local.md', '.claude/settings.local.json']);
const STATE_FOLDERS = ['.claude/worktrees'];

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** The path (relative to a worktree root) names workflow state, tracked or not. Pure. */
export function isWorkflowStatePath(path: string): boolean {
  const p = normalize(path);
  if (ROOT_STATE_FILES.has(p)) return true;
  return STATE_FOLDERS.some((folder) => p === folder || p.startsWith(`${folder}/`));
}

/** One uncommitted entry as `git status` reports it: how git knows it, and its path. */
export interface StatusPathEntry {
  kind: 'changed' | 'renamed' | 'unmerged' | 'untracked' | 'ignored';
  path: string;
}

/** The entry is the workflow's own state and no work of the person's: untracked or ignored, with a state path. Pure. */
export function isWorkflowOwnChange(entry: StatusPathEntry): boolean {
  return (entry.kind === 'untracked' || entry.kind === 'ignored') && isWorkflowStatePath(entry.path);
}

/** The entries that are the person's work, in their given order. Pure. */
export function withoutWorkflowState<E extends StatusPathEntry>(entries: readonly E[]): E[] {
  return entries.filter((e) => !isWorkflowOwnChange(e));
}

const LOCKFILE_RE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|Gemfile\.lock|composer\.lock|go\.sum)$/;

/**
 * How much a shared path matters to a person deciding whether two branches will conflict:
 * 0 source and docs, 1 generated lock files (they conflict, but regenerate), 2 workflow state
 * committed by mistake. Pure.
 */
export function pathMeaningRank(path: string): number {
  if (isWorkflowStatePath(path)) return 2;
  if (LOCKFILE_RE.test(normalize(path))) return 1;
  return 0;
}

/** Most meaningful first, then by name: the first path shown is never a state file while a real one exists. Pure. */
export function compareByMeaning(a: string, b: string): number {
  return pathMeaningRank(a) - pathMeaningRank(b) || a.localeCompare(b);
}
