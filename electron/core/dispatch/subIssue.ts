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
 * §4 "Assignee: Target agent (Claude, Tembo) or unassigned for human pickup", from the Agent cell
 * as written: empty or Claude Code → Claude; `human`, `unassigned`, `none`, `-` → nobody (a person
 * picks it up); any other agent → its name.
 */
export function subIssueAssignee(agentCell: string | null | undefined): string | null {
  const cell = (agentCell ?? '').trim();
  if (/^(human|unassigned|none|nobody|-+|—|n\/a|human pickup)$/i.test(cell)) return null;
  const agent = agentInfo(cell);
  return agent.id === 'claude-code' ? 'Claude' : agent.label;
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
  /** The plan's Agent cell as written (`human` leaves the sub-issue unassigned); default: the row's agent. */
  agentCell?: string | null,
): SubIssueDraft {
  const labels = [row.mode === 'spike' || row.analysisOnly ? 'type:spike' : 'type:chore'];
  if (row.mode !== null) labels.push(`exec:${row.mode}`);
  return {
    title: subIssueTitle(row.batch, letter, row.focus),
    description: prompt.text,
    labels,
    estimate: fibonacciEstimate(row.estCostUsd),
    parentIssueId: masterIssueId,
    assignee: subIssueAssignee(agentCell === undefined ? row.agent : agentCell),
  };
}
