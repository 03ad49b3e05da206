import type { DispatchPrompt, DispatchRowDraft, SubIssueDraft } from '../../../shared/domain/dispatch';
import { agentInfo } from './agents';
import { fibonacciEstimate } from './fibonacciEstimate';

/** `Batch {N}{Letter}: {Focus}`, e.g. `Batch 1A: Session exit skill`. */
export function subIssueTitle(batch: number, letter: string, focus: string): string {
  return `Batch ${batch}${letter.toUpperCase()}: ${focus.trim()}`;
}

/** `A`, `B`, … `Z`, `AA`, … for a 0-based position. */
export function letterFor(position: number): string {
  let n = position;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/**
 * The Linear sub-issue for one row (§4 Sub-Issue Structure): title, the prompt as description,
 * `type:chore`/`type:spike` and `exec:*` labels, Fibonacci estimate from the cost, parent = master
 * plan issue, assignee = target agent (Claude, Tembo…).
 */
export function buildSubIssue(
  row: DispatchRowDraft,
  prompt: DispatchPrompt,
  masterIssueId: string,
  letter: string,
): SubIssueDraft {
  const labels = [row.mode === 'spike' || row.analysisOnly ? 'type:spike' : 'type:chore'];
  if (row.mode !== null) labels.push(`exec:${row.mode}`);
  const agent = agentInfo(row.agent);
  return {
    title: subIssueTitle(row.batch, letter, row.focus),
    description: prompt.text,
    labels,
    estimate: fibonacciEstimate(row.estCostUsd),
    parentIssueId: masterIssueId,
    assignee: agent.id === 'claude-code' ? 'Claude' : agent.label,
  };
}
