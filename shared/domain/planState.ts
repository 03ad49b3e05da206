import { z } from 'zod';
import {
  BatchSchema,
  DispatchPromptSchema,
  DispatchRowDraftSchema,
  ExecModeSchema,
  MergeOrderSchema,
  PairDecisionSchema,
  ViolationSchema,
} from './dispatch';
import { IssueRef, PlanDiagnostic, PlanLogEntry } from './plan';
import { ReviewGateStateSchema } from './reviewGates';

/**
 * What the plans service mirrors to clients: one summary per plan file (the Plans view) and the
 * derived dispatch state per plan (the Dispatch view), both keyed by the plan's absolute path.
 */

export const PlanNaming = z.object({
  kind: z.enum(['structured', 'issue', 'subagent', 'random-three-word', 'other']),
  /** Breaks the §5 convention (random three-word name or no convention at all). */
  violation: z.boolean(),
  /** The rule in words, shown beside the flag. */
  rule: z.string().nullable(),
  /** The structured name the one-click fix would rename to. */
  suggestedName: z.string().nullable(),
});
export type PlanNaming = z.infer<typeof PlanNaming>;

export const PlanPhaseSummary = z.object({
  phase: z.string(),
  focus: z.string(),
  batch: z.string().nullable(),
  issues: z.array(z.string()),
  dependencies: z.array(z.string()),
  status: z.string().nullable(),
});
export type PlanPhaseSummary = z.infer<typeof PlanPhaseSummary>;

export const PlanSummary = z.object({
  path: z.string(),
  fileName: z.string(),
  folder: z.string(),
  source: z.enum(['claude-home', 'repo', 'configured']),
  title: z.string(),
  masterIssue: IssueRef.nullable(),
  date: z.string().nullable(),
  phases: z.array(PlanPhaseSummary),
  /** Verification checklist ticks. */
  verification: z.object({ done: z.number(), total: z.number() }),
  /** Session Registry rows whose Status is Done/Merged, of all rows. */
  sessions: z.object({ done: z.number(), total: z.number() }),
  naming: PlanNaming,
  /** Issue ids written without a link (formats.md §2.1 flags them). */
  unlinkedIds: z.array(z.string()),
  /** `https://linear.app/<workspace>` when the plan reveals it: what the link fix points at. */
  linkBase: z.string().nullable(),
  diagnostics: z.array(PlanDiagnostic),
  contentHash: z.string(),
  mtimeMs: z.number(),
  /** The file could not be read at all (permissions, vanished); the rest still works. */
  readError: z.string().nullable(),
  /** §8 session exit summaries in the plan (`### Session summary — …`): heading, line, and their lines. */
  sessionSummaries: z.array(z.object({ heading: z.string(), line: z.number(), lines: z.array(z.string()) })).optional(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const BatchState = z.object({
  index: z.number().int().positive(),
  /** draft: waiting for approval; dispatched: sessions are in the Session Registry. */
  state: z.enum(['draft', 'approved', 'rejected', 'dispatched']),
  /** The log line behind approved/rejected. */
  note: z.string().nullable(),
});
export type BatchState = z.infer<typeof BatchState>;

export const SufficiencyAnswer = z.enum(['yes', 'no', 'unknown']);
export type SufficiencyAnswer = z.infer<typeof SufficiencyAnswer>;

/** The Research Sufficiency Assessment (§1) as the person fills it in, kept in the plan file. */
export const SufficiencyState = z.object({
  /** Do 2+ tracks cite the same findings independently? */
  convergence: SufficiencyAnswer,
  /** Are all research questions addressed by at least one track? */
  coverage: SufficiencyAnswer,
  /** Do any tracks produce conflicting evidence? (`no` is the good answer.) */
  contradictions: SufficiencyAnswer,
  gaps: z.string(),
  /** The person's written resolution of conflicting evidence (`- Resolution:`): contradictions need one before SUFFICIENT. */
  resolution: z.string().default(''),
  outcome: z.enum(['SUFFICIENT', 'INSUFFICIENT', 'INCOMPLETE']),
  /** The gaps named on the Gaps line, one per `;`: each may get a targeted follow-up track. */
  gapList: z.array(z.string()).default([]),
  /** Why the outcome is not SUFFICIENT, item by item, in words (empty when it is). */
  unmet: z.array(z.string()).default([]),
  /** What the section's Outcome line says, when it says one (the checklist decides; a different word is pointed out). */
  writtenOutcome: z.enum(['SUFFICIENT', 'INSUFFICIENT', 'INCOMPLETE']).nullable().default(null),
});
export type SufficiencyState = z.infer<typeof SufficiencyState>;
/** What the person answers; the rest is derived. */
export type SufficiencyAnswers = Pick<SufficiencyState, 'convergence' | 'coverage' | 'contradictions' | 'gaps'> & { resolution?: string | undefined };

/** The research shape of a plan: its tracks, its synthesis phases, and the follow-up tracks it has. */
export const ResearchState = z.object({
  tracks: z.array(z.string()),
  sufficiency: SufficiencyState,
  /** Phases that wait for the assessment, and the plan statement that makes each one synthesis. */
  synthesis: z.array(z.object({ phase: z.string(), why: z.string() })).default([]),
  /** Gaps that already have a follow-up track in the Phase Map. */
  followUps: z.array(z.object({ gap: z.string(), phase: z.string() })).default([]),
  /** Tracks not Done/Merged yet (Session Registry): §1 assesses "after all tracks complete". */
  unfinished: z.array(z.string()).default([]),
  /** The follow-up batch holds the 5 research sessions §1 allows: one more needs a written justification. */
  followUpBatchFull: z.boolean().default(false),
});
export type ResearchState = z.infer<typeof ResearchState>;

/** A dispatch table with the person's edits applied and everything recomputed. */
export const DispatchEvaluation = z.object({
  rows: z.array(DispatchRowDraftSchema),
  mergeOrder: MergeOrderSchema,
  violations: z.array(ViolationSchema),
  prompts: z.record(z.string(), DispatchPromptSchema),
  /** Session → `cd <repo> && claude --worktree …`, null for external agents. */
  launchCommands: z.record(z.string(), z.string().nullable()),
});
export type DispatchEvaluation = z.infer<typeof DispatchEvaluation>;

export const DispatchState = DispatchEvaluation.extend({
  planPath: z.string(),
  contentHash: z.string(),
  masterIssue: IssueRef.nullable(),
  repoPath: z.string(),
  decisions: z.array(PairDecisionSchema),
  batches: z.array(BatchSchema),
  batchStates: z.array(BatchState),
  approvals: z.array(PlanLogEntry),
  /** Present when the plan has read-only research tracks. */
  research: ResearchState.nullable(),
  /** The plan has no phases or its tables are broken: why there is nothing to dispatch. */
  problems: z.array(z.string()),
  /** Where the merge order comes from: the sessions whose place the plan declares, and the lines that declare it. */
  mergeOrderRecord: z
    .object({
      declared: z.array(z.string()),
      sources: z.array(z.object({ line: z.number(), text: z.string() })),
      unmatched: z.array(z.object({ token: z.string(), line: z.number() })),
    })
    .default({ declared: [], sources: [], unmatched: [] }),
  /** §3 review gates of the plan and per batch; null for older senders. */
  review: ReviewGateStateSchema.nullable().default(null),
  /** Session → its Session Registry row's Status as the plan writes it (`Dispatched`, `Delegated`, `Active`…). */
  registryStatus: z.record(z.string(), z.string()).optional(),
});
export type DispatchState = z.infer<typeof DispatchState>;

/** One row's in-place edits in the Dispatch view. */
export const DispatchRowEdit = z
  .object({
    mode: ExecModeSchema.nullable().optional(),
    agent: z.string().max(80).optional(),
    estCostUsd: z.number().nonnegative().max(100_000).nullable().optional(),
    focus: z.string().max(200).optional(),
  })
  .strict();
export type DispatchRowEdit = z.infer<typeof DispatchRowEdit>;

export const DispatchEdits = z
  .object({
    /** Session (`2A`) → edits. */
    rows: z.record(z.string(), DispatchRowEdit).default({}),
    /** Sessions (as the table names them, or phase ids) in merge order, first merged first; the rest keep their places. */
    mergeOrder: z.array(z.string()).nullable().default(null),
  })
  .strict();
export type DispatchEdits = z.infer<typeof DispatchEdits>;
export type DispatchEditsInput = z.input<typeof DispatchEdits>;

export const ApprovedSession = z.object({
  session: z.string(),
  phase: z.string(),
  issueId: z.string(),
  prompt: z.string(),
  launchCommand: z.string().nullable(),
  /** What to do when there is no CLI line (external agents, or a terminal in the new worktree). */
  launchHint: z.string(),
  /** §8 Merging Completed Sessions for this session's type (worktree → PR, non-worktree on main → push, external → its platform). */
  mergeHint: z.string().default(''),
});
export type ApprovedSession = z.infer<typeof ApprovedSession>;

export const ApprovalResult = z.object({
  batch: z.number().int(),
  approvedAt: z.string(),
  by: z.string(),
  planHash: z.string(),
  sessions: z.array(ApprovedSession),
  linear: z.object({ status: z.enum(['started', 'not-configured', 'failed']), message: z.string() }),
});
export type ApprovalResult = z.infer<typeof ApprovalResult>;

/** §8.5: the prompts of a deprecated local dispatch file, moved into Linear sub-issues (the file kept as it was). */
export const MovedPrompts = z.object({
  masterIssueId: z.string(),
  /** Per prompt: its key in the file, the sub-issue title, and how creation went. */
  prompts: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: z.enum(['pending', 'creating', 'created', 'exists', 'failed']),
      identifier: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
  /** Headings of sections that hold no prompt (results, notes): left where they are. */
  skipped: z.array(z.string()),
});
export type MovedPrompts = z.infer<typeof MovedPrompts>;
