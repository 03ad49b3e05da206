import type { Violation } from '../../../shared/domain/dispatch';

/**
 * Every dispatch rule the engine checks, keyed by a stable id, with the rule book line it enforces
 * (quoted or closely paraphrased from `parallel-session-dispatch.md`).
 */
export const RULES = {
  'tree.reads-output': {
    section: '§1',
    text: 'Does B read A\'s output (files, schema, API)? YES --> SEQUENTIAL (B waits for A)',
  },
  'tree.shared-files': {
    section: '§1',
    text: 'Do both touch the same files or directories? YES --> Can they work on separate branches? YES --> PARALLEL with branch strategy; NO --> SEQUENTIAL',
  },
  'tree.shared-infrastructure': {
    section: '§1',
    text: 'Do both modify shared infrastructure (DB schema, CI config)? YES --> SEQUENTIAL (merge conflicts are expensive)',
  },
  'tree.declared-parallel': {
    section: '§1',
    text: 'Not all phases can run concurrently. Evaluate each phase pair against these criteria before dispatching in parallel.',
  },
  'dependency.cycle': {
    section: '§1',
    text: 'SEQUENTIAL (B waits for A): phases that wait on each other can never be dispatched.',
  },
  'dependency.unknown': {
    section: '§1',
    text: 'Evaluate each phase pair against these criteria before dispatching in parallel (a dependency must name a phase of the plan).',
  },
  'batch.dependency-inside': {
    section: '§1',
    text: 'Does B read A\'s output? YES --> SEQUENTIAL (B waits for A); complete Batch 1 before launching Batch 2.',
  },
  'batch.dependency-order': {
    section: '§1',
    text: 'Complete Batch 1 before launching Batch 2 (a phase cannot run in an earlier batch than the phase whose output it reads).',
  },
  'batch.complete-first': {
    section: '§1 / §8',
    text: 'Complete Batch 1 before launching Batch 2. The next batch should not depend on failed session outputs without human review.',
  },
  'batch.conflict-inside': {
    section: '§1',
    text: 'Same files without separate branches, or shared infrastructure (DB schema, CI config) --> SEQUENTIAL (merge conflicts are expensive).',
  },
  'merge.order': {
    section: '§8',
    text: "Merge order: Define merge order in the dispatch table if sessions touch adjacent code. First-merged session's branch becomes the base for subsequent merges.",
  },
  'research.sufficiency': {
    section: '§1 Research Track Dispatch',
    text: 'Research Sufficiency Assessment. After all tracks complete, evaluate before proceeding to synthesis: evidence convergence, coverage, contradictions (conflicting evidence requires human resolution before synthesis can proceed). Outcome: SUFFICIENT (proceed to synthesis) or INSUFFICIENT (specify which gaps remain and dispatch targeted follow-up tracks).',
  },
  'cap.implementation': {
    section: '§1',
    text: 'Maximum recommended parallelism: 3 sessions. Beyond 3, human coordination overhead exceeds the parallelism gain.',
  },
  'cap.research': {
    section: '§1 Research Track Dispatch',
    text: 'Session cap: 5 research sessions maximum. Beyond 5 requires explicit justification in the dispatch table.',
  },
  'cap.mixed': {
    section: '§1 Research Track Dispatch',
    text: 'The standard 3-session cap remains the default for implementation sessions — the relaxed cap applies only when every dispatched session is purely read-only research.',
  },
  'issue.one-session': {
    section: '§1',
    text: 'Concurrent writes to the same issue will race -- assign exactly one issue per session.',
  },
  'issue.one-agent': {
    section: 'Agent-Aware Dispatch',
    text: 'One agent per session. Do not assign the same issue to multiple agents simultaneously. Linear assignment is exclusive.',
  },
  'issue.linked': {
    section: '§4',
    text: 'All issue references must use linked format ([ID: TITLE](https://linear.app/<workspace>/issue/ID)).',
  },
  'merge.order-required': {
    section: '§8',
    text: 'Merge order: Define merge order in the dispatch table if sessions touch adjacent code. First-merged session\'s branch becomes the base for subsequent merges.',
  },
  'worktree.parallel': {
    section: '§8',
    text: 'Worktree column: `yes` for parallel Claude Code sessions (isolated checkout, auto-branch).',
  },
  'worktree.solo': {
    section: '§8',
    text: 'Worktree column: `no` for single sequential sessions.',
  },
  'worktree.external': {
    section: '§8',
    text: 'Worktree column: `n/a` for Tembo/external agents (they use their own sandboxes).',
  },
  'branch.naming': {
    section: '§1 / §8',
    text: 'Git branches must not conflict. Use `{agent}/{issue-id}-{slug}` naming per session (e.g., `claude/cia-387-dispatch-rules`).',
  },
  'branch.unique': {
    section: '§1',
    text: 'Git branches must not conflict. Use `{agent}/{issue-id}-{slug}` naming per session.',
  },
  'exec.unknown': {
    section: '§2 / §4',
    text: 'Execution mode: {quick|tdd|pair|checkpoint|swarm|spike} — every field in braces is required.',
  },
  'launch.mapping': {
    section: '§2',
    text: 'Each dispatched session needs a UI launch mode; it depends on the exec:* label AND whether the task produces code changes (no code changes --> always Bypass permissions).',
  },
  'agent.mode-options': {
    section: '§2',
    text: 'Agent Options per exec mode: quick: Claude Code, cto.new, Copilot; tdd: Claude Code, Cursor, Cyrus; pair/checkpoint: Claude Code; swarm: Claude Code (Tembo Phase 3); spike: Claude Code, cto.new.',
  },
  'cost.missing': {
    section: '§4',
    text: 'Estimate: From the dispatch prompt\'s cost estimate. Include `Estimate cost before execution.` (Est. Cost column of the dispatch table).',
  },
  'cost.checkpoint': {
    section: '§4',
    text: 'Estimate cost before execution. If >$10 and cost profile is not unlimited, checkpoint.',
  },
  'review.pre-dispatch': {
    section: '§3',
    text: 'Pre-dispatch: Run `/review` on the master spec. All sessions block until review passes Gate 2.',
  },
  'review.post-session': {
    section: '§3',
    text: "Post-session: Options A-C: async review on the session's PR before merge.",
  },
  'failed.dependency': {
    section: '§8',
    text: 'Failed sessions: The next batch should not depend on failed session outputs without human review.',
  },
  'prompt.missing-field': {
    section: '§4',
    text: 'Every field in braces is required.',
  },
  'plan.size': {
    section: 'engine limit',
    text: 'Evaluate each phase pair against these criteria before dispatching in parallel: the engine decides every pair of at most 300 phases per plan, so the view stays responsive.',
  },
  'cost.research': {
    section: '§1 Research Track Dispatch',
    text: 'Cost model note. Research tracks consume 2-4x more MCP calls than implementation sessions due to multi-source discovery (S2, arXiv, OpenAlex, HuggingFace, Zotero). Factor this into cost estimates in the dispatch table.',
  },
  'facts.unreadable': {
    section: '§1',
    text: 'Evaluate each phase pair against these criteria before dispatching in parallel (a hand-set dispatch fact must be readable and name phases of the plan).',
  },
  'plan.file-name': {
    section: '§5',
    text: 'Format: `{YYYY-MM-DD}-{project-short}-{topic}.md` — replace Claude-generated random names (e.g., `composed-crunching-raven`) with structured names.',
  },
} as const satisfies Record<string, { section: string; text: string }>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Builds a Violation that carries the text of the rule it breaks. */
export function violation(
  rule: RuleId,
  message: string,
  where: Violation['where'] = {},
  severity: Violation['severity'] = 'error',
): Violation {
  return { rule, ruleText: `${RULES[rule].text} (${RULES[rule].section})`, severity, where, message };
}

/** Drops exact duplicates (same rule, place and message), keeping first-seen order. */
export function dedupeViolations(list: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const v of list) {
    const key = JSON.stringify([v.rule, v.where.batch ?? null, v.where.phases ?? null, v.where.row ?? null, v.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}
