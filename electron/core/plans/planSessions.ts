import type { DispatchRow, MergeOrderDeclaration, ParsedPlan, PhaseRow, SessionRegistryRow } from '../../../shared/domain/plan';
import { isBaseBranch } from '../dispatch/branchName';
import { issueIdsIn } from './issueRefs';

/**
 * One identity per session of a plan, read from what the plan records: a dispatch row (its Session
 * label, Issue, Phase and Branch cells), the Phase Map row of its phase or issue, and its Session
 * Registry row. Every view asks this module "which session is `S-A` / `1A` / `CIA-541` /
 * `claude/cia-541-x`?" and gets the same answer (one identity end to end).
 */
export interface PlanSession {
  /** Stable key within the plan: the dispatch label, else the phase id, else the issue id. */
  key: string;
  /** The dispatch table's Session cell as written (`S-A`, `1A`, `Track 2`); null when no row yet. */
  label: string | null;
  /** Phase id of the Phase Map (`1A`), resolved through the table's own columns; null when unknown. */
  phase: string | null;
  issueId: string | null;
  /** The branch the plan records (dispatch Branch cell, else the registry's Branch), as written. */
  branch: string | null;
  /** The Session Registry's Session Name (`lucid-euler`, `(direct main)`), when it has a row. */
  sessionName: string | null;
  /** A `Launch as:` line written under this session's own heading (`### S-A`), when the table has no such cell. */
  launchLine: { line: number; exec: string | null; launchAs: string } | null;
  /** Batch: the Phase Map's Batch cell, the dispatch heading's batch, or a `2A`-style label. */
  batch: number | null;
  dispatchRow: DispatchRow | null;
  registryRow: SessionRegistryRow | null;
  phaseRow: PhaseRow | null;
}

export interface ResolvedMergeOrder {
  /** Session keys, first merged first: declared ones, then the rest by batch and plan order. */
  keys: string[];
  /** Keys whose place the plan declares. */
  declaredKeys: string[];
  /** True when at least one token of a declaration named a session. */
  declared: boolean;
  /** The declarations that were used (the UI quotes them). */
  sources: MergeOrderDeclaration[];
  /** Declared tokens that name no session of the plan, as written, with their line. */
  unmatched: { token: string; line: number }[];
  /** Two declarations disagree (e.g. a line and the column); the earlier one wins. */
  disagreements: string[];
}

export interface PlanSessions {
  sessions: PlanSession[];
  /** The session a token names (label, phase, issue id, branch or session name), or null. */
  find(token: string): PlanSession | null;
  mergeOrder: ResolvedMergeOrder;
}

function norm(token: string): string {
  return token
    .replace(/^(?:phase|session)\s+(?=\S)/i, '')
    .replace(/[`*_]/g, '')
    .trim()
    .toUpperCase();
}

function batchNumber(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const m = /\d+/.exec(raw);
  return m ? Number(m[0]) : null;
}

function samePhase(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Pure: the plan's sessions and its merge order, from the record alone. */
export function resolvePlanSessions(plan: ParsedPlan): PlanSessions {
  const phaseOf = (id: string): PhaseRow | null => plan.phases.find((p) => samePhase(p.phase, id)) ?? null;
  const taken = new Set<PhaseRow>();
  /** One issue in several phases: the one whose focus the row repeats, else the first not taken yet. */
  const phaseOfIssue = (issueId: string, focus = ''): PhaseRow | null => {
    const all = plan.phases.filter((p) => p.issues.some((i) => i.id.toUpperCase() === issueId.toUpperCase()));
    const free = all.filter((p) => !taken.has(p));
    const f = focus.trim().toLowerCase();
    return free.find((p) => f !== '' && p.focus.trim().toLowerCase() === f) ?? free[0] ?? all[0] ?? null;
  };
  const sessions: PlanSession[] = [];

  for (const table of plan.dispatchTables) {
    for (const row of table.rows) {
      const issueId = row.issue?.id ?? null;
      // Phase: the Phase column; else a label that is a phase id (unless the row's issue belongs to
      // another phase: `1B | CIA-823` is batch 1's second session, phase 1C); else the issue's phase.
      const byLabel = row.session ? phaseOf(row.session) : null;
      const byIssue = issueId ? phaseOfIssue(issueId, row.focus) : null;
      const labelFits = byLabel !== null && (byIssue === null || byLabel.issues.length === 0 || byLabel.issues.some((i) => i.id.toUpperCase() === issueId?.toUpperCase()));
      const phaseRow = (row.phase ? phaseOf(row.phase) : null) ?? (labelFits ? byLabel : null) ?? byIssue ?? byLabel;
      if (phaseRow) taken.add(phaseRow);
      const phase = phaseRow?.phase ?? row.phase ?? null;
      let label = row.session || issueId || `row ${row.line}`;
      const existing = sessions.find((s) => s.label !== null && samePhase(s.label, label));
      if (existing) {
        // A later table repeating a label for the same issue (an older batch copy) adds nothing; the
        // same label on another issue (letters restarted per batch, two `(direct main)` rows) is
        // another session, told apart by its phase.
        const other = issueId !== null && existing.issueId !== null && existing.issueId.toUpperCase() !== issueId.toUpperCase();
        if (!other) continue;
        label = `${label} (${phase ?? issueId})`;
      }
      sessions.push({
        key: label,
        label,
        phase,
        issueId: issueId ?? phaseRow?.issues[0]?.id ?? null,
        branch: row.branch,
        sessionName: null,
        batch: batchNumber(phaseRow?.batch) ?? table.batch ?? (/^\d+[A-Z]$/i.test(label) ? batchNumber(label) : null),
        dispatchRow: row,
        registryRow: null,
        phaseRow,
        launchLine: launchLineFor(plan, [label, phase, issueId]),
      });
    }
  }
  // Phases that have no dispatch row yet.
  for (const p of plan.phases) {
    if (sessions.some((s) => s.phase !== null && samePhase(s.phase, p.phase))) continue;
    sessions.push({
      key: p.phase,
      label: null,
      phase: p.phase,
      issueId: p.issues[0]?.id ?? null,
      branch: null,
      sessionName: null,
      batch: batchNumber(p.batch),
      dispatchRow: null,
      registryRow: null,
      phaseRow: p,
      launchLine: launchLineFor(plan, [p.phase, p.issues[0]?.id ?? null]),
    });
  }
  // Registry rows attach to the session of their phase, issue or branch (the latest row wins). A base
  // branch (`main`) is shared by every direct-main session, so it identifies nobody.
  for (const r of plan.sessionRegistry) {
    const issueId = r.issue?.id.toUpperCase() ?? null;
    const ownBranch = r.branch && !isBaseBranch(r.branch) ? r.branch : null;
    const candidates = (pick: (s: PlanSession) => boolean): PlanSession | undefined => sessions.find((s) => pick(s) && s.registryRow === null) ?? sessions.find(pick);
    const target =
      (ownBranch ? candidates((s) => s.branch === ownBranch) : undefined) ??
      // The Phase cell names a phase; a label equal to it (`1B` for phase 1C in batch 1) only when no phase matches.
      (r.phase ? (candidates((s) => s.phase !== null && samePhase(s.phase, r.phase)) ?? candidates((s) => s.label !== null && samePhase(s.label, r.phase))) : undefined) ??
      (issueId ? candidates((s) => s.issueId?.toUpperCase() === issueId) : undefined);
    if (target) {
      target.registryRow = r;
      target.sessionName = r.sessionName || target.sessionName;
      if (target.branch === null && r.branch) target.branch = r.branch;
      continue;
    }
    const phaseRow = r.phase ? phaseOf(r.phase) : issueId ? phaseOfIssue(issueId) : null;
    sessions.push({
      key: r.sessionName || r.issue?.id || r.branch || `registry ${sessions.length + 1}`,
      label: null,
      phase: phaseRow?.phase ?? (r.phase || null),
      issueId: r.issue?.id ?? null,
      branch: r.branch,
      sessionName: r.sessionName || null,
      batch: batchNumber(phaseRow?.batch),
      dispatchRow: null,
      registryRow: r,
      phaseRow,
      launchLine: null,
    });
  }

  const find = finder(sessions);
  return { sessions, find, mergeOrder: resolveMergeOrder(plan, sessions, find) };
}

/** The launch line under a heading that names the session (`### S-A`, `### Phase 1A — …`). */
function launchLineFor(plan: ParsedPlan, names: readonly (string | null)[]): PlanSession['launchLine'] {
  const wanted = names.filter((n): n is string => !!n && n.trim() !== '');
  const hit = plan.launchLines.find((l) =>
    wanted.some((n) => new RegExp(`(?:^|[^A-Za-z0-9-])${n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:$|[^A-Za-z0-9-])`, 'i').test(l.heading)),
  );
  return hit ? { line: hit.line, exec: hit.exec, launchAs: hit.launchAs } : null;
}

function finder(sessions: readonly PlanSession[]): (token: string) => PlanSession | null {
  const byKey = new Map<string, PlanSession>();
  const put = (k: string | null, s: PlanSession) => {
    if (k && k.trim() !== '' && !byKey.has(norm(k))) byKey.set(norm(k), s);
  };
  // Labels first: when a label equals another session's phase id, the label wins (it is what the table calls it).
  for (const s of sessions) put(s.label, s);
  for (const s of sessions) put(s.phase, s);
  for (const s of sessions) put(s.issueId, s);
  for (const s of sessions) put(s.branch, s);
  for (const s of sessions) if (s.sessionName && !/^\(.*\)$/.test(s.sessionName)) put(s.sessionName, s);
  return (token: string) => {
    const direct = byKey.get(norm(token));
    if (direct) return direct;
    // `S-A (review gates)`, `CIA-413 / S-A`, `[CIA-12]`: a known key inside the token.
    const ids = issueIdsIn(token);
    for (const id of ids) {
      const hit = byKey.get(id.toUpperCase());
      if (hit) return hit;
    }
    const words = token.split(/[\s()[\]/]+/).filter(Boolean);
    for (const w of words) {
      const hit = byKey.get(norm(w));
      if (hit) return hit;
    }
    return null;
  };
}

/** Known session names in a sentence, in the order they appear. */
function tokensInProse(text: string, sessions: readonly PlanSession[]): string[] {
  const keys = new Set<string>();
  for (const s of sessions) for (const k of [s.label, s.phase, s.issueId, s.branch]) if (k) keys.add(k);
  const hits: { at: number; token: string }[] = [];
  for (const k of keys) {
    const escaped = k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const re = new RegExp(`(?<![A-Za-z0-9_/-])${escaped}(?![A-Za-z0-9_/-])`, 'gi');
    for (const m of text.matchAll(re)) hits.push({ at: m.index ?? 0, token: k });
  }
  hits.sort((a, b) => a.at - b.at);
  return hits.map((h) => h.token);
}

function resolveMergeOrder(plan: ParsedPlan, sessions: readonly PlanSession[], find: (t: string) => PlanSession | null): ResolvedMergeOrder {
  const explicit = plan.mergeOrderDeclarations.filter((d) => d.source !== 'prose');
  const prose = plan.mergeOrderDeclarations.filter((d) => d.source === 'prose');
  const declaredKeys: string[] = [];
  const unmatched: { token: string; line: number }[] = [];
  const sources: MergeOrderDeclaration[] = [];
  const disagreements: string[] = [];

  const take = (decl: MergeOrderDeclaration, tokens: readonly string[]): void => {
    const keys: string[] = [];
    for (const token of tokens) {
      const s = find(token);
      if (!s) {
        if (decl.source !== 'prose') unmatched.push({ token, line: decl.line });
        continue;
      }
      if (!keys.includes(s.key)) keys.push(s.key);
    }
    if (keys.length === 0) return;
    // A second declaration that orders the same sessions differently is worth telling the person.
    const known = keys.filter((k) => declaredKeys.includes(k));
    const before = declaredKeys.filter((k) => known.includes(k));
    if (known.length > 1 && known.join('\0') !== before.join('\0')) {
      disagreements.push(`line ${decl.line} orders ${known.join(', ')} differently from an earlier merge order (${before.join(', ')}); the earlier one is used`);
    }
    sources.push(decl);
    for (const k of keys) if (!declaredKeys.includes(k)) declaredKeys.push(k);
  };

  for (const decl of explicit) take(decl, decl.tokens);
  if (declaredKeys.length === 0) {
    for (const decl of prose) {
      const tokens = tokensInProse(decl.text, sessions);
      const distinct = [...new Set(tokens.map((t) => find(t)?.key).filter((k): k is string => !!k))];
      if (distinct.length < 2) continue;
      take(decl, decl.reversed && distinct.length === 2 ? [...distinct].reverse() : distinct);
    }
  }

  const rest = sessions
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !declaredKeys.includes(s.key))
    .sort((a, b) => (a.s.batch ?? Number.MAX_SAFE_INTEGER) - (b.s.batch ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map(({ s }) => s.key);
  return { keys: [...declaredKeys, ...rest], declaredKeys, declared: declaredKeys.length > 0, sources, unmatched, disagreements };
}

export { isBaseBranch };
