import type { DispatchRowDraft, LaunchMode, MasterInfo, PhaseFacts, WorktreeValue } from '../../../../shared/domain/dispatch';
import { LAUNCH_MODES } from '../../../../shared/domain/dispatch';
import { agentInfo, branchName, isBaseBranch, estimateAppliesResearchCost, isAnalysisOnly, launchModeFor, linearIssueUrl, parseExecMode, researchCostRange } from '../../dispatch';
import type { PlanSession } from '../planSessions';

/** `Plan mode`, `plan`, `Bypass`, `bypassPermissions`, `--dangerously-skip-permissions` → the rule book's words. */
export function parseLaunchMode(raw: string | null | undefined): LaunchMode | null {
  const text = (raw ?? '').toLowerCase().replace(/[`*_]/g, '').trim();
  if (text === '') return null;
  const exact = LAUNCH_MODES.find((m) => m.toLowerCase() === text);
  if (exact) return exact;
  if (/\bplan\b/.test(text)) return 'Plan mode';
  if (/bypass|skip[- ]permissions|yolo|auto[- ]?accept/.test(text)) return 'Bypass permissions';
  if (/\bask\b|default|approve|checkpoint|manual/.test(text)) return 'Ask permissions';
  return null;
}

/** `yes`, `✅ yes`, `no (direct main)`, `n/a`, `—` → the rule book's values; null when unreadable or empty. */
export function parseWorktreeCell(raw: string | null | undefined): WorktreeValue | null {
  const text = (raw ?? '').toLowerCase().replace(/[`*_]/g, '').trim();
  if (/^(?:n\/?a|none|external|sandbox)\b/.test(text)) return 'n/a';
  if (/^(?:\W*)(?:yes|y|true|✓|✔|worktree)\b/u.test(text) || /^\W*✅/u.test(text)) return 'yes';
  if (/^(?:\W*)(?:no|n|false|main|direct)\b/.test(text) || /^\W*❌/u.test(text)) return 'no';
  return null;
}

/**
 * A dispatch row the plan records, as the Dispatch view shows it: the person's cells as written
 * (kept in `written`, never regenerated), normalised where the rule checks need a value. Cells the
 * table leaves out (the §8 table has no Launch as / Branch column) are filled from the rule book and
 * the plan's other records, and `written` says they were not written.
 */
export function recordedRow(s: PlanSession, facts: PhaseFacts | undefined, master: MasterInfo, fallbackBatch: number): DispatchRowDraft {
  const row = s.dispatchRow;
  if (!row) throw new Error(`session ${s.key} has no dispatch row`);
  const issueId = s.issueId ?? '';
  const written = {
    mode: row.mode.trim() || null,
    // The table's cell, else the `Launch as:` line under the session's own heading (§2).
    launchAs: row.launchAs ?? s.launchLine?.launchAs ?? null,
    worktree: row.worktree,
    branch: row.branch,
    agent: row.agent.trim() || null,
    estCost: row.estCostRaw.trim() || null,
  };
  const mode = parseExecMode(written.mode) ?? (written.mode === null ? (facts?.exec ?? null) : null);
  const analysisOnly = (facts ? isAnalysisOnly(facts) : false) || /analysis[- ]only/i.test(written.mode ?? '');
  const changesCode = facts?.producesCode === true;
  const estCostUsd = row.estCostUsd ?? facts?.estCostUsd ?? null;
  const research = facts?.readOnlyResearch ?? false;
  const costNote = research && facts !== undefined && estCostUsd !== null && !estimateAppliesResearchCost(facts, estCostUsd);
  const agentName = written.agent ?? facts?.agent ?? 'Claude Code';
  const agent = agentInfo(agentName);
  const branch = written.branch ?? s.registryRow?.branch ?? (issueId !== '' && agent.id === 'claude-code' ? branchName('claude', issueId, row.focus || facts?.focus || '') : null);
  const worktree: WorktreeValue =
    parseWorktreeCell(written.worktree) ??
    parseWorktreeCell(s.registryRow?.worktree) ??
    (agent.external ? 'n/a' : (branch !== null && isBaseBranch(branch)) ? 'no' : written.branch !== null ? 'yes' : 'no');
  return {
    session: s.label ?? s.key,
    phase: s.phase ?? s.key,
    issueId,
    issueTitle: (issueId && facts?.issueTitles[issueId]) || row.issue?.title || null,
    issueUrl: row.issue?.url ?? (issueId !== '' && master.workspace !== '' ? linearIssueUrl(master.workspace, issueId) : null),
    focus: row.focus || facts?.focus || '',
    mode,
    launchAs: written.launchAs !== null ? parseLaunchMode(written.launchAs) : launchModeFor(mode, { analysisOnly, changesCode }).launchAs,
    analysisOnly,
    estCostUsd,
    agent: agent.id === 'claude-code' && written.agent === null ? 'Claude Code' : agentName.trim(),
    worktree,
    branch,
    batch: s.batch ?? fallbackBatch,
    mergeOrder: 1,
    recorded: true,
    written,
    line: row.line,
    changesCode,
    research,
    ...(facts?.sources.readOnlyResearch ? { researchWhy: facts.sources.readOnlyResearch } : {}),
    ...(costNote && estCostUsd !== null ? { researchCostRangeUsd: researchCostRange(estCostUsd) } : {}),
  };
}
