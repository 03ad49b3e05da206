import type { DispatchPrompt, DispatchRowDraft, MasterInfo, PhaseFacts } from '../../../shared/domain/dispatch';
import { findUnlinkedIssueRefs, linearIssueUrl, linkedIssue } from './linearLinks';
import { execModeLabel } from './sessionModeMapping';

export { branchName, slugify } from './branchName';
export { fibonacciEstimate } from './fibonacciEstimate';
export { launchCommand } from './launchCommand';
export { subIssueTitle } from './subIssue';

export const COST_LINE = 'Estimate cost before execution. If >$10 and cost profile is not unlimited, checkpoint.';
export const SESSION_STARTED_LINE = "Reply with 'Session started' before beginning work.";
export const EXIT_LINE = 'Update Linear issue status to Done/In Review.';

export interface PromptInput {
  master: { issueId: string; title: string; url?: string | null };
  workspace: string;
  repoPath: string;
  /** `{PLUGIN_REPO_OR_PROJECT}` label, e.g. `Plugin repo`, `Project`; default `Repo`. */
  repoLabel?: string;
  context: readonly string[];
  tasks: readonly string[];
  deliverable: string | null;
  actionVerb?: string | null;
  priorSessionUrl?: string | null;
  costConstraints?: string | null;
  reviewFindingsUrl?: string | null;
}

function filled(v: string | null | undefined): v is string {
  return v !== null && v !== undefined && v.trim() !== '';
}

/** Default action verb (the template reads `{Action verb} on [ISSUE]`). */
export function defaultActionVerb(row: Pick<DispatchRowDraft, 'mode' | 'analysisOnly'>): string {
  if (row.analysisOnly) return 'Report';
  if (row.mode === 'pair') return 'Pair';
  return 'Work';
}

function formatCost(usd: number): string {
  return Number.isInteger(usd) ? `~$${usd}` : `~$${usd.toFixed(2)}`;
}

/**
 * The §4 dispatch prompt for one row (the sub-issue description). Every required field left
 * unfilled appears as `{FIELD}` in the text and is listed in `missing` — never silently blank.
 */
export function dispatchPrompt(row: DispatchRowDraft, input: PromptInput): DispatchPrompt {
  const missing: string[] = [];
  const warnings: string[] = [];
  const need = (name: string, value: string | null | undefined): string => {
    if (filled(value)) return value.trim();
    missing.push(name);
    return `{${name}}`;
  };

  const workspace = need('WORKSPACE', input.workspace);
  const issueId = need('ISSUE_ID', row.issueId);
  const title = need('TITLE', row.issueTitle);
  const issueUrl = filled(row.issueUrl) ? row.issueUrl : linearIssueUrl(workspace, issueId);
  const phaseId = need('PHASE_NAME', row.phase);
  const phaseName = filled(row.focus) && filled(row.phase) ? `Phase ${phaseId}: ${row.focus.trim()}` : `Phase ${phaseId}`;
  const masterId = need('MASTER_ISSUE', input.master.issueId);
  const masterTitle = need('MASTER_TITLE', input.master.title);
  const masterUrl = filled(input.master.url) ? input.master.url : linearIssueUrl(workspace, masterId);
  const repoPath = need('REPO_PATH', input.repoPath);
  const repoLabel = filled(input.repoLabel) ? input.repoLabel.trim() : 'Repo';
  const verb = filled(input.actionVerb) ? input.actionVerb.trim() : defaultActionVerb(row);
  const mode = need('EXEC_MODE', execModeLabel(row.mode, row.analysisOnly));
  const launchAs = need('LAUNCH_AS', row.launchAs);

  const context = input.context.map((c) => c.trim()).filter((c) => c !== '');
  if (context.length === 0) missing.push('CONTEXT');
  const bullets = context.length > 0 ? [...context] : ['{CONTEXT}'];
  if (filled(input.priorSessionUrl)) bullets.push(`Prior session: ${input.priorSessionUrl.trim()}`);
  const costBits = [row.estCostUsd !== null ? `Estimated cost ${formatCost(row.estCostUsd)}` : null, input.costConstraints?.trim() || null].filter(filled);
  if (costBits.length > 0) bullets.push(`Cost/resource constraints: ${costBits.join('; ')}`);
  if (filled(input.reviewFindingsUrl)) bullets.push(`Review findings to address: ${input.reviewFindingsUrl.trim()}`);
  if (row.analysisOnly) bullets.push('Analysis-only: the deliverable is the analysis/recommendation; no code changes to the repo.');
  if (context.length > 0 && (bullets.length < 3 || bullets.length > 5)) {
    warnings.push(`Context has ${bullets.length} bullet(s); the template asks for 3-5.`);
  }

  const tasks = input.tasks.map((t) => t.trim()).filter((t) => t !== '');
  if (tasks.length === 0) missing.push('TASKS');
  const taskLines = tasks.length > 0 ? tasks.map((t, i) => `${i + 1}. ${t}`) : ['1. {TASKS}'];

  const deliverableRaw = need('DELIVERABLE', input.deliverable);
  const deliverable = /[.!?]$/.test(deliverableRaw) ? deliverableRaw : `${deliverableRaw}.`;

  const lines = [
    `${verb} on ${linkedIssue(issueId, title, issueUrl)}`,
    `(${phaseName}) from master plan ${linkedIssue(masterId, masterTitle, masterUrl)}.`,
    `${repoLabel}: ${repoPath}`,
    `Launch from: ${repoPath}`,
    '',
    'Context:',
    ...bullets.map((b) => `- ${b}`),
    '',
    `Execution mode: ${mode} | Launch as: ${launchAs} | Worktree: ${row.worktree}`,
    '',
    'Tasks:',
    ...taskLines,
    '',
    `Deliverable: ${deliverable} Update [${issueId}](${issueUrl}) with results.`,
    '',
    COST_LINE,
    SESSION_STARTED_LINE,
    EXIT_LINE,
  ];
  const text = lines.join('\n');

  const unlinked = findUnlinkedIssueRefs([...context, ...tasks, input.deliverable ?? ''].join('\n'));
  if (unlinked.length > 0) {
    warnings.push(`Plain issue ids (use linked format [ID: TITLE](https://linear.app/${workspace}/issue/ID)): ${unlinked.join(', ')}`);
  }
  return { text, missing, warnings };
}

/** The prompt of one row of a master plan: the master's own fields plus what the row's phase says. */
export function rowPrompt(row: DispatchRowDraft, master: MasterInfo, phase: PhaseFacts | undefined): DispatchPrompt {
  return dispatchPrompt(row, {
    master: { issueId: master.issueId, title: master.title, url: master.url },
    workspace: master.workspace,
    repoPath: master.repoPath,
    repoLabel: master.repoLabel,
    context: phase?.context ?? [],
    tasks: phase?.tasks ?? [],
    deliverable: phase?.deliverable ?? null,
    actionVerb: phase?.actionVerb ?? null,
  });
}
