import type { ResolvedMergeOrder } from '../../plans/planSessions';
import type { PlannedBranch } from './mergeOrderFromPlan';

export interface OrderNote {
  /** Every branch of the queue has its place declared in the plan. */
  declared: boolean;
  /** In words, quoting where the plan says it: what the Merge view shows above the queue. */
  note: string;
  /** Declared tokens that name no session of the plan. */
  unmatched: string[];
}

function quote(text: string): string {
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}

/**
 * Pure: "declared in the plan" only when it is. A partly declared queue says which branches follow
 * plan order; a token that names nothing is named, so the person can fix the line.
 */
export function orderNoteOf(order: ResolvedMergeOrder, branches: readonly PlannedBranch[]): OrderNote {
  const declaredBranches = branches.filter((b) => b.declared);
  const rest = branches.filter((b) => !b.declared);
  const where = order.sources.map((s) => `line ${s.line}: “${quote(s.text)}”`).join('; ');
  const unmatched = order.unmatched.map((u) => `“${u.token}” (line ${u.line}) names no session of this plan`);
  const parts: string[] = [];
  if (declaredBranches.length === 0) {
    parts.push(order.declared ? `the plan's merge order (${where}) names none of these branches: batch and plan order` : 'no merge order declared in the plan: batch and plan order');
  } else if (rest.length === 0) {
    parts.push(`order declared in the plan (${where})`);
  } else {
    parts.push(`${declaredBranches.map((b) => b.label).join(', ')} in the declared order (${where}); ${rest.map((b) => b.label).join(', ')} not in it: plan order after them`);
  }
  parts.push(...unmatched, ...order.disagreements);
  return { declared: declaredBranches.length > 0 && rest.length === 0, note: parts.join('. '), unmatched: order.unmatched.map((u) => u.token) };
}
