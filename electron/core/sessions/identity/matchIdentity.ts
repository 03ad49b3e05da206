import type { MatchedBy, PlanIssuePhase, PlanSessionRow } from '../../../../shared/domain/session';

/** What is known about one worktree/session when its identity is matched. All optional. */
export interface IdentityInput {
  branch?: string | null;
  /** Absolute worktree path. */
  worktreePath?: string | null;
  /** The transcript's `slug` (also the plan file's name). */
  transcriptSlug?: string | null;
  /** A name Claude Code shows for the session (live registry `name`, `/rename` title). */
  sessionName?: string | null;
  /** Issue named by `.ccc-state.json` (`linearIssue`). */
  cccIssue?: string | null;
  rows?: readonly PlanSessionRow[];
  /** Where plans place issues (Phase Map, dispatch tables): the phase when no registry row has one. */
  issuePhases?: readonly PlanIssuePhase[];
}

export interface IdentityMatch {
  issueId: string | null;
  phase: string | null;
  agent: string | null;
  planPath: string | null;
  /** The Session Registry row that matched, if any. */
  row: PlanSessionRow | null;
  /** Session names the branch/folder/slug suggest (`lucid-euler` from `claude/lucid-euler`). */
  names: string[];
  matchedBy: MatchedBy[];
  unmatched: boolean;
}

const ISSUE_RE = /^([A-Za-z][A-Za-z0-9]{0,9}-\d+)(?:-(.*))?$/;
const ISSUE_SUFFIX_RE = /-([A-Za-z][A-Za-z0-9]{0,9}-\d+)$/;
const MMDD_RE = /^(\d{4})-(.+)-([0-9a-f]{4,})$/i;

/** `cia-387` → `CIA-387`. */
export function normalizeIssueId(id: string): string {
  return id.toUpperCase();
}

/** An issue id out of a Linear link or plain text (`[CIA-546](…)`, `CIA-546`); null when none. */
export function issueIdIn(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = /\b([A-Za-z][A-Za-z0-9]{0,9}-\d+)\b/.exec(text);
  return m?.[1] ? normalizeIssueId(m[1]) : null;
}

export interface BranchParse {
  agent: string | null;
  issueId: string | null;
  /** Session name the branch carries (`claude/<name>`, `worktree-<name>`, `claude/MMDD-<name>-<hex>`). */
  name: string | null;
}

/** Reads `{agent}/{issue-id}-{slug}`, `claude/<name>`, `claude/MMDD-<name>-<hex>` and `worktree-<name>`. Pure. */
export function parseBranchName(branch: string | null | undefined): BranchParse {
  const none: BranchParse = { agent: null, issueId: null, name: null };
  if (!branch) return none;
  const wt = /^worktree-(.+)$/.exec(branch);
  if (wt?.[1]) return { agent: 'claude', issueId: null, name: wt[1] };
  const slash = branch.indexOf('/');
  if (slash < 0) return none;
  const agent = branch.slice(0, slash).toLowerCase();
  const rest = branch.slice(slash + 1);
  if (!rest || !/^[a-z][a-z0-9._-]*$/i.test(agent)) return none;
  const issue = ISSUE_RE.exec(rest);
  if (issue?.[1]) return { agent, issueId: normalizeIssueId(issue[1]), name: null };
  const dated = MMDD_RE.exec(rest);
  if (dated?.[2]) return { agent, issueId: null, name: dated[2] };
  return { agent, issueId: null, name: rest };
}

/** `claude-command-centre-cia-541` → `CIA-541`. Pure. */
export function issueFromFolderName(folder: string | null | undefined): string | null {
  if (!folder) return null;
  const bare = ISSUE_RE.exec(folder);
  if (bare?.[1] && !bare[2]) return normalizeIssueId(bare[1]);
  const m = ISSUE_SUFFIX_RE.exec(folder);
  return m?.[1] ? normalizeIssueId(m[1]) : null;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

function eqName(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function rowIssue(row: PlanSessionRow): string | null {
  return row.issueId ? issueIdIn(row.issueId) : null;
}

/** A row's worktree column is a path (not `yes`/`no`/`n/a`) that names this worktree. */
function rowNamesWorktree(row: PlanSessionRow, worktreePath: string): boolean {
  const w = row.worktree?.trim();
  if (!w || !/[\\/]/.test(w)) return false;
  const a = w.replace(/[\\/]+$/, '');
  const b = worktreePath.replace(/[\\/]+$/, '');
  if (a.startsWith('~')) return b.endsWith(a.slice(1));
  return a === b;
}

/**
 * Matches a worktree/session to issue, phase and agent. Sources, strongest first: a Session Registry
 * row naming the branch or worktree path, the branch name, a row naming the session (from branch,
 * folder, slug or live name), the folder name, the transcript slug, and rows for the issue found.
 * Pure; `unmatched` is true when no issue and no row could be found.
 */
export function matchIdentity(input: IdentityInput): IdentityMatch {
  const rows = input.rows ?? [];
  const matchedBy = new Set<MatchedBy>();
  const fromBranch = parseBranchName(input.branch);
  const folder = input.worktreePath ? baseName(input.worktreePath) : null;
  const folderIssue = issueFromFolderName(folder);

  const names: string[] = [];
  const addName = (n: string | null | undefined): void => {
    if (n && !names.some((x) => eqName(x, n))) names.push(n);
  };
  addName(fromBranch.name);
  addName(input.sessionName);
  addName(input.transcriptSlug);
  if (folder && !folderIssue) addName(folder);

  // 1. Rows naming this exact branch or worktree path.
  let row: PlanSessionRow | null = null;
  if (input.branch) {
    row = rows.find((r) => eqName(r.branch, input.branch)) ?? null;
    if (row) matchedBy.add('registry-row').add('branch');
  }
  if (!row && input.worktreePath) {
    const wp = input.worktreePath;
    row = rows.find((r) => rowNamesWorktree(r, wp)) ?? null;
    if (row) matchedBy.add('registry-row').add('folder');
  }
  // 2. Rows naming the session.
  if (!row) {
    for (const n of names) {
      const found = rows.find((r) => eqName(r.sessionName, n));
      if (found) {
        row = found;
        matchedBy.add('registry-row');
        if (eqName(n, fromBranch.name)) matchedBy.add('branch');
        else if (eqName(n, input.transcriptSlug)) matchedBy.add('slug');
        else if (eqName(n, folder)) matchedBy.add('folder');
        break;
      }
    }
  }

  let issueId = row ? rowIssue(row) : null;
  if (fromBranch.issueId) {
    if (!issueId) issueId = fromBranch.issueId;
    if (issueId === fromBranch.issueId) matchedBy.add('branch');
  }
  if (folderIssue) {
    if (!issueId) issueId = folderIssue;
    if (issueId === folderIssue) matchedBy.add('folder');
  }
  const cccIssue = issueIdIn(input.cccIssue);
  if (!issueId && cccIssue) issueId = cccIssue;

  // 3. A row for the issue found by name (the latest such row in the list).
  if (!row && issueId) {
    const forIssue = rows.filter((r) => rowIssue(r) === issueId);
    row = forIssue[forIssue.length - 1] ?? null;
    if (row) matchedBy.add('registry-row');
  }

  // 4. No registry row (or one without a phase): the plan's Phase Map or dispatch table for the issue.
  const placed = !row?.phase?.trim() && issueId ? phaseOfIssue(input.issuePhases ?? [], issueId, row?.planPath ?? null) : null;
  const agent = row?.agent?.trim() || placed?.agent?.trim() || fromBranch.agent || null;
  return {
    issueId,
    phase: row?.phase?.trim() || placed?.phase || null,
    agent,
    planPath: row?.planPath ?? placed?.planPath ?? null,
    row,
    names,
    matchedBy: ORDER.filter((m) => matchedBy.has(m)),
    unmatched: !issueId && !row,
  };
}

/**
 * The place a plan gives an issue: within `planPath` when given, a Phase Map row before a dispatch
 * row, the first plan otherwise. Pure.
 */
export function phaseOfIssue(placements: readonly PlanIssuePhase[], issueId: string, planPath: string | null = null): PlanIssuePhase | null {
  const id = normalizeIssueId(issueId);
  const mine = placements.filter((p) => normalizeIssueId(p.issueId) === id && (planPath === null || p.planPath === planPath));
  const rank = (p: PlanIssuePhase): number => (p.phase ? 0 : 2) + (p.source === 'phase-map' ? 0 : 1);
  return [...mine].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

const ORDER: MatchedBy[] = ['branch', 'folder', 'slug', 'registry-row'];
