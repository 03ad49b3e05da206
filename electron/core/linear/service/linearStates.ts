import type { LinearPlanState } from '../../../../shared/domain/linear';

/** `{ identifier: WorkflowState.type }` over every master issue and child the plans know (pure). */
export function linearStatesOf(plans: Iterable<LinearPlanState>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const plan of plans) {
    for (const issue of plan.master ? [plan.master, ...plan.children] : plan.children) out[issue.identifier] = issue.state.type;
  }
  return out;
}
