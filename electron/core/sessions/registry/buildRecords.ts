import type { GitFacts, PlanContext, SessionClaudeInfo, SessionRecord, WorktreeInfo } from '../../../../shared/domain/session';
import { unreadableLinesOf, unreadableLinesText } from '../claude/unreadableLines';
import { detectCollisions } from '../collisions/detectCollisions';
import { matchIdentity } from '../identity/matchIdentity';
import { deriveStatus } from '../status/deriveStatus';
import type { CccStateLike, LiveSessionLike, TranscriptEntry } from './claudeSource';

export interface BuildInput {
  worktrees: readonly WorktreeInfo[];
  git: ReadonlyMap<string, GitFacts>;
  ccc: ReadonlyMap<string, CccStateLike | null>;
  live: readonly LiveSessionLike[];
  transcripts: readonly TranscriptEntry[];
  plan: PlanContext;
  /** Warnings per worktree id (from discovery). */
  worktreeWarnings: ReadonlyMap<string, string[]>;
  now: number;
  activeWindowMs?: number;
}

/** A record with its status as derived right now (before hysteresis). */
export type DerivedRecord = SessionRecord;

function norm(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** The deepest worktree whose path is `cwd` or contains it. Pure. */
export function worktreeForCwd(worktrees: readonly WorktreeInfo[], cwd: string | null): WorktreeInfo | null {
  if (!cwd) return null;
  const c = norm(cwd);
  let best: WorktreeInfo | null = null;
  for (const w of worktrees) {
    if (w.bare) continue;
    const p = norm(w.path);
    if ((c === p || c.startsWith(`${p}/`)) && (!best || p.length > norm(best.path).length)) best = w;
  }
  return best;
}

const LIVE_RANK: Record<string, number> = { waiting: 4, busy: 3, idle: 2, shell: 1, unknown: 0 };

function pickLive(list: readonly LiveSessionLike[]): LiveSessionLike | null {
  return (
    [...list].sort(
      (a, b) => Number(b.alive) - Number(a.alive) || (LIVE_RANK[b.status] ?? 0) - (LIVE_RANK[a.status] ?? 0) || b.pid - a.pid,
    )[0] ?? null
  );
}

function pickTranscript(list: readonly TranscriptEntry[], live: LiveSessionLike | null): TranscriptEntry | null {
  if (live?.sessionId) {
    const same = list.find((t) => t.summary.sessionId === live.sessionId);
    if (same) return same;
  }
  return (
    [...list].sort((a, b) => (b.summary.lastActivityAt ?? '').localeCompare(a.summary.lastActivityAt ?? ''))[0] ?? null
  );
}

function baseName(p: string): string {
  const parts = p.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? p;
}

interface Parts {
  id: string;
  worktree: WorktreeInfo | null;
  live: LiveSessionLike | null;
  transcript: TranscriptEntry | null;
}

/**
 * Builds every session record from the facts gathered so far: one per (non-bare) worktree, plus one
 * per live Claude process outside any known worktree. Status is derived (not yet debounced) and
 * collisions are computed across records. Pure.
 */
export function buildRecords(input: BuildInput): DerivedRecord[] {
  const worktrees = input.worktrees.filter((w) => !w.bare);
  const liveBy = new Map<string, LiveSessionLike[]>();
  const orphanLive: LiveSessionLike[] = [];
  for (const l of input.live) {
    const w = worktreeForCwd(worktrees, l.cwd);
    if (w) liveBy.set(w.id, [...(liveBy.get(w.id) ?? []), l]);
    else if (l.alive) orphanLive.push(l);
  }
  const transcriptsBy = new Map<string, TranscriptEntry[]>();
  const transcriptsBySession = new Map<string, TranscriptEntry>();
  for (const t of input.transcripts) {
    if (t.summary.sessionId) transcriptsBySession.set(t.summary.sessionId, t);
    const w = worktreeForCwd(worktrees, t.summary.cwd);
    if (w) transcriptsBy.set(w.id, [...(transcriptsBy.get(w.id) ?? []), t]);
  }

  const parts: Parts[] = worktrees.map((w) => {
    const live = pickLive(liveBy.get(w.id) ?? []);
    return { id: w.id, worktree: w, live, transcript: pickTranscript(transcriptsBy.get(w.id) ?? [], live) };
  });
  for (const l of orphanLive) {
    parts.push({
      id: `claude:${l.pid}`,
      worktree: null,
      live: l,
      transcript: l.sessionId ? (transcriptsBySession.get(l.sessionId) ?? null) : null,
    });
  }

  const records: DerivedRecord[] = parts.map((p) => buildOne(p, input));
  const collisions = detectCollisions(
    records.map((r) => ({
      id: r.id,
      name: r.name,
      repoKey: r.worktree?.commonGitDir ?? r.id,
      // The main checkout is the repository itself, not a session competing with the others.
      live: !!r.worktree && !r.worktree.isMain && !r.worktree.prunable && r.status !== 'merged' && !r.git?.error,
      files: r.git ? [...r.git.filesChangedVsBase, ...r.git.uncommittedFiles] : [],
    })),
  );
  for (const r of records) r.collisions = collisions.get(r.id) ?? [];
  return records;
}

function buildOne(p: Parts, input: BuildInput): DerivedRecord {
  const w = p.worktree;
  const git = w ? (input.git.get(w.id) ?? null) : null;
  const ccc = w ? (input.ccc.get(w.id) ?? null) : null;
  const t = p.transcript?.summary ?? null;
  const match = matchIdentity({
    branch: git?.branch ?? w?.branch ?? t?.gitBranch ?? null,
    worktreePath: w?.path ?? null,
    transcriptSlug: t?.slug ?? null,
    sessionName: p.live?.name ?? t?.customTitle ?? null,
    cccIssue: ccc?.linearIssue ?? null,
    rows: input.plan.rows,
    issuePhases: input.plan.issuePhases ?? [],
  });
  const rowName = match.row?.sessionName?.trim();
  const name =
    (rowName && rowName !== '(direct main)' ? rowName : null) ??
    // A main checkout is named after its repository (its branch is usually just `main`).
    (w?.isMain ? baseName(w.path) : null) ??
    p.live?.name ??
    t?.customTitle ??
    t?.slug ??
    git?.branch ??
    w?.branch ??
    (w ? baseName(w.path) : p.live ? `pid ${p.live.pid}` : p.id);

  const derived = deriveStatus({
    live: p.live ? { alive: p.live.alive, liveStatus: p.live.status } : null,
    transcript: t
      ? {
          turnInProgress: t.turnInProgress,
          lastActivityAt: t.lastActivityAt,
          taskCompleteSeen: t.taskCompleteSeen,
          awaitingPermission: t.awaitingPermission,
        }
      : null,
    ccc: ccc ? { awaitingGate: ccc.awaitingGate, done: ccc.done } : null,
    git: git ? { dirty: git.dirty, ahead: git.ahead, mergedIntoBase: git.mergedIntoBase, error: git.error } : null,
    planStatus: match.row?.status ?? null,
    mainCheckout: !!w?.isMain,
    linearStateType: match.issueId ? (input.plan.linearStates?.[match.issueId] ?? null) : null,
    now: input.now,
    ...(input.activeWindowMs !== undefined ? { activeWindowMs: input.activeWindowMs } : {}),
  });

  const estimate = match.issueId ? (input.plan.estimates[match.issueId] ?? null) : null;
  const claude: SessionClaudeInfo | null =
    p.live || t || estimate !== null
      ? {
          sessionId: p.live?.sessionId ?? t?.sessionId ?? null,
          pid: p.live?.pid ?? null,
          liveStatus: p.live?.status ?? null,
          alive: p.live?.alive ?? false,
          transcriptPath: p.transcript?.path ?? null,
          lastActivityAt: t?.lastActivityAt ?? null,
          lastAssistantText: t?.lastAssistantText ?? null,
          usage: t?.usage ?? null,
          costUsd: t?.costUsd ?? null,
          estimateUsd: estimate,
          usageCounting: t ? t.fullScanDone === false : false,
          unreadableLines: unreadableLinesOf(t),
        }
      : null;

  const warnings: string[] = [...(w ? (input.worktreeWarnings.get(w.id) ?? []) : [])];
  if (git?.error) warnings.push(`git: ${git.error}`);
  if (git && git.lockFiles.length > 0) warnings.push(`git lock file present: ${git.lockFiles.map(baseName).join(', ')}`);
  if (git?.mergeInProgress) warnings.push('a merge is in progress');
  if (git?.rebaseInProgress) warnings.push('a rebase is in progress');
  if (p.live?.warning) warnings.push(p.live.warning);
  const unreadable = unreadableLinesOf(t);
  if (unreadable) warnings.push(unreadableLinesText(unreadable));

  return {
    id: p.id,
    name,
    worktree: w,
    git,
    issueId: match.issueId,
    phase: match.phase,
    agent: match.agent,
    planPath: match.planPath,
    matchedBy: match.matchedBy,
    unmatched: match.unmatched,
    status: derived.status,
    statusReason: derived.reason,
    statusSince: new Date(input.now).toISOString(),
    claude,
    progress: ccc && ccc.totalTasks > 0 ? { done: ccc.tasksDone, total: ccc.totalTasks } : null,
    collisions: [],
    warnings: [...new Set(warnings)],
    claudeName: p.live?.name ?? t?.customTitle ?? t?.slug ?? null,
  };
}

