import type { SessionRecord, SessionStatus } from '../../../../shared/domain/session';
import { parsePlan } from '../parsePlan';
import type { PlanEdit } from '../planFile';
import { renameSessionRegistryRow, setSessionRegistryStatus, upsertSessionRegistryRows } from '../planWriter';

/**
 * Session Registry write-back (issue 3, rule book §6): a session of the plan that appears gets a
 * row, a status change updates that row's Status cell — and nothing else in the file.
 */

const WORDS: Partial<Record<SessionStatus, string>> = {
  working: 'Active',
  waiting: 'Waiting',
  idle: 'Idle',
  done: 'Done',
  failed: 'Failed',
  merged: 'Merged',
};
/** Set by the session's own exit protocol (§8): live states never overwrite them. */
const FINAL = /^\s*(done|merged|failed)\b/i;

export interface RegistryWant {
  sessionName: string;
  issueId: string | null;
  issueUrl: string | null;
  phase: string | null;
  agent: string | null;
  worktree: string | null;
  branch: string | null;
  status: string;
  /** Claude Code's own name for the session: replaces a placeholder row name once the session is Done (§8). */
  realName?: string | null;
  /** The worktree's folder name: the placeholder name approval writes for a worktree session. */
  worktreeFolder?: string | null;
}

/** A row name written before the session had one of its own (approval's worktree folder name, TBD, …). */
export function isPlaceholderName(name: string, worktreeFolder: string | null | undefined): boolean {
  const n = name.trim();
  if (n === '' || /^\(?(?:tbd|tba|pending|planned|unnamed|\?+|—|-)\)?$/i.test(n)) return true;
  return !!worktreeFolder && n.toLowerCase() === worktreeFolder.toLowerCase();
}

/** What the registry should say for the plan's live sessions (unknown/stale states say nothing). */
export function registryWants(planPath: string, records: readonly SessionRecord[], workspace: string | null): RegistryWant[] {
  const wants: RegistryWant[] = [];
  for (const r of records) {
    if (r.planPath !== planPath || r.unmatched) continue;
    const status = WORDS[r.status];
    if (!status) continue;
    wants.push({
      sessionName: r.name,
      issueId: r.issueId,
      issueUrl: r.issueId && workspace ? `https://linear.app/${workspace}/issue/${r.issueId}` : null,
      phase: r.phase,
      agent: r.agent ?? 'Claude Code',
      worktree: r.worktree ? (r.worktree.isMain ? 'no' : 'yes') : null,
      branch: r.git?.branch ?? r.worktree?.branch ?? null,
      status,
      realName: r.claudeName ?? null,
      worktreeFolder: r.worktree && !r.worktree.isMain ? (r.worktree.path.split(/[\\/]+/).filter(Boolean).pop() ?? null) : null,
    });
  }
  return wants;
}

/**
 * A re-appliable edit: it re-parses whatever text it is given (the user may have edited the file
 * since), so a concurrent edit is kept and only the cells that differ are written.
 */
export function registryWriteBackEdit(planPath: string, wants: readonly RegistryWant[]): PlanEdit {
  return (text) => {
    let next = text;
    for (const want of wants) {
      const rows = parsePlan(next, planPath).sessionRegistry;
      const byName = rows.find((r) => r.sessionName.trim().toLowerCase() === want.sessionName.toLowerCase());
      const byIssue = want.issueId ? [...rows].reverse().find((r) => r.issue?.id.toUpperCase() === want.issueId?.toUpperCase()) : undefined;
      const row = byName ?? byIssue;
      if (row) {
        // §8 "Record this [the session's name] in the session registry table": once it is Done, the real name replaces a placeholder.
        const real = want.realName?.trim();
        let renamed: string | null = null;
        if (real && /^(done|merged)$/i.test(want.status) && !/[|\r\n]/.test(real) && real.toLowerCase() !== row.sessionName.trim().toLowerCase() && isPlaceholderName(row.sessionName, want.worktreeFolder)) {
          next = renameSessionRegistryRow(next, row.sessionName, real);
          renamed = real;
        }
        const current = row.status ?? '';
        if (current.trim().toLowerCase() === want.status.toLowerCase()) continue;
        if (FINAL.test(current) && !FINAL.test(want.status)) continue;
        // A person's "Failed — reason" (§8) is theirs: no live state overwrites it.
        if (/^\s*failed\b/i.test(current) && want.status !== 'Failed') continue;
        next = setSessionRegistryStatus(next, renamed ?? (byName ? row.sessionName : (want.issueId ?? row.sessionName)), want.status);
        continue;
      }
      next = upsertSessionRegistryRows(next, [
        {
          sessionName: want.sessionName,
          issue: want.issueId ? { id: want.issueId, url: want.issueUrl, title: null, linked: want.issueUrl !== null } : null,
          phase: want.phase ?? '',
          agent: want.agent ?? '',
          worktree: want.worktree ?? '',
          branch: want.branch ?? '',
          status: want.status,
        },
      ]);
    }
    return next;
  };
}
