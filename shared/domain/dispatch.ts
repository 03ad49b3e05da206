import { z } from 'zod';

/**
 * Dispatch domain: the facts the dispatch engine needs about each phase of a master plan, and what
 * it produces (pair decisions, batches, draft dispatch rows, rule violations). The engine lives in
 * `electron/core/dispatch/`; these schemas are the shapes that cross into the contract.
 * Rule book: `parallel-session-dispatch.md` §1, §2, §4, §5, §8.
 */

export const EXEC_MODES = ['quick', 'tdd', 'pair', 'checkpoint', 'swarm', 'spike'] as const;
export const ExecModeSchema = z.enum(EXEC_MODES);
export type ExecMode = z.infer<typeof ExecModeSchema>;

export const LAUNCH_MODES = ['Bypass permissions', 'Plan mode', 'Ask permissions'] as const;
export const LaunchModeSchema = z.enum(LAUNCH_MODES);
export type LaunchMode = z.infer<typeof LaunchModeSchema>;

/** Everything the engine knows about one phase. Optional extras default so callers may omit them. */
export const PhaseFactsSchema = z.object({
  /** Phase id as written in the Phase Map, e.g. `1A`. */
  phase: z.string().min(1),
  issueIds: z.array(z.string()).default([]),
  /** Issue id → title, from the Issue Registry (used for linked references and prompts). */
  issueTitles: z.record(z.string(), z.string()).default({}),
  focus: z.string().default(''),
  /** Declared batch (Phase Map "Batch" column), e.g. `1`; null when the plan leaves it to us. */
  batch: z.string().nullable().default(null),
  /** Phase ids this phase depends on (it reads their output). */
  dependsOn: z.array(z.string()).default([]),
  /** Phase ids the plan declares parallel with this one (`None (parallel with 1A)`). */
  parallelWith: z.array(z.string()).default([]),
  exec: ExecModeSchema.nullable().default(null),
  /** The exec label exactly as written (`exec:tdd`, `TDD`, `yolo`…), kept for messages. */
  execRaw: z.string().nullable().default(null),
  /** false = analysis-only (deliverable is a recommendation/decision); null = not stated. */
  producesCode: z.boolean().nullable().default(null),
  readOnlyResearch: z.boolean().default(false),
  /** Agent name as written (`Claude Code`, `Tembo`, `cto.new`…); null = Claude Code / human pickup. */
  agent: z.string().nullable().default(null),
  estCostUsd: z.number().nonnegative().nullable().default(null),
  /** Paths, directories or globs the phase names (Key Files, paths in its focus). */
  files: z.array(z.string()).default([]),
  /** Files/schemas/APIs the phase produces. */
  outputs: z.array(z.string()).default([]),
  /** Files/schemas/APIs the phase reads. */
  inputs: z.array(z.string()).default([]),
  /** For sessions already running: the files of their real diff. */
  actualChangedFiles: z.array(z.string()).nullable().default(null),
  canUseSeparateBranches: z.boolean().default(true),
  /** Session registry status, e.g. `Active`, `Done`, `Failed`; null before dispatch. */
  status: z.string().nullable().default(null),
  /** The Issue Registry's Status of the phase's issue (`Done`, `✅ Done`, `Todo`); null when not given. */
  issueStatus: z.string().nullable().default(null),
  /** A human reviewed this (failed) session's output and cleared it for use by later batches. */
  failureReviewed: z.boolean().default(false),
  /**
   * The branch the plan says this phase works on (`main` for `(direct main)`, `Worktree: no` or a
   * Branch cell of `main`); two phases declaring the same branch cannot use separate branches.
   */
  declaredBranch: z.string().nullable().default(null),
  /** Pair facts set by hand (`## Dispatch Facts`): other phase → can they use separate branches. */
  separateBranchesWith: z.record(z.string(), z.boolean()).default({}),
  /** The estimate as written (`~$3`, `$6–12 (×2–4 MCP)`), to tell whether research estimates apply the cost model. */
  estCostRaw: z.string().nullable().default(null),
  /** `type:` labels the plan writes for the phase (Mode / Exec cells, Focus, issue title), without `type:`: `research`, `synthesis`. */
  typeLabels: z.array(z.string()).default([]),
  /** `## Dispatch Facts` `Batch N: justification: …` for going beyond 5 research sessions. */
  researchJustification: z.string().nullable().default(null),
  /**
   * Which statement of the plan set each fact, in words, so every decision names its fact:
   * keys `dependsOn:<phase>`, `separateBranches`, `separateBranches:<phase>`, `declaredBranch`,
   * `producesCode`, `readOnlyResearch`, `failureReviewed`, `file:<path>`.
   */
  sources: z.record(z.string(), z.string()).default({}),
  /** Prompt material: Context bullets, numbered Tasks, Deliverable, optional action verb. */
  context: z.array(z.string()).default([]),
  tasks: z.array(z.string()).default([]),
  deliverable: z.string().nullable().default(null),
  actionVerb: z.string().nullable().default(null),
});
export type PhaseFacts = z.infer<typeof PhaseFactsSchema>;
export type PhaseFactsInput = z.input<typeof PhaseFactsSchema>;

export const PairVerdictSchema = z.enum(['SEQUENTIAL', 'PARALLEL_WITH_BRANCH_STRATEGY', 'PARALLEL_OK']);
export type PairVerdict = z.infer<typeof PairVerdictSchema>;

export const PairDecisionSchema = z.object({
  a: z.string(),
  b: z.string(),
  verdict: PairVerdictSchema,
  /** Each step of the §1 tree taken, in words. */
  path: z.array(z.string()),
  sharedFiles: z.array(z.string()),
  sharedInfrastructure: z.array(z.string()),
  /** Which must run first; null when the pair may run together. */
  order: z.enum(['a-before-b', 'b-before-a']).nullable(),
  /** True when the order comes from data flow (one reads the other's output), not a conflict. */
  dependency: z.boolean(),
});
export type PairDecision = z.infer<typeof PairDecisionSchema>;

export const BatchSchema = z.object({
  index: z.number().int().positive(),
  phases: z.array(z.string()),
  kind: z.enum(['implementation', 'research']),
});
export type Batch = z.infer<typeof BatchSchema>;

export const ViolationSchema = z.object({
  /** Rule id from the rule book (see `electron/core/dispatch/ruleBook.ts`). */
  rule: z.string(),
  /** The rule book line it breaks (quoted or closely paraphrased). */
  ruleText: z.string(),
  severity: z.enum(['error', 'warning']),
  where: z.object({
    batch: z.number().int().optional(),
    phases: z.array(z.string()).optional(),
    row: z.string().optional(),
  }),
  message: z.string(),
});
export type Violation = z.infer<typeof ViolationSchema>;

export const WorktreeValueSchema = z.enum(['yes', 'no', 'n/a']);
export type WorktreeValue = z.infer<typeof WorktreeValueSchema>;

export const RecordedCellsSchema = z.object({
  mode: z.string().nullable(),
  launchAs: z.string().nullable(),
  worktree: z.string().nullable(),
  branch: z.string().nullable(),
  agent: z.string().nullable(),
  estCost: z.string().nullable(),
});
export type RecordedCells = z.infer<typeof RecordedCellsSchema>;

export const DispatchRowDraftSchema = z.object({
  /** `1A`, `1B`… (batch letters) or `S-A`, `S-B`… (session letters). */
  session: z.string(),
  phase: z.string(),
  issueId: z.string(),
  issueTitle: z.string().nullable(),
  issueUrl: z.string().nullable(),
  focus: z.string(),
  mode: ExecModeSchema.nullable(),
  launchAs: LaunchModeSchema.nullable(),
  analysisOnly: z.boolean(),
  estCostUsd: z.number().nullable(),
  agent: z.string(),
  worktree: WorktreeValueSchema,
  branch: z.string().nullable(),
  batch: z.number().int().positive(),
  mergeOrder: z.number().int().positive(),
  /** The plan's dispatch table has this row: it is shown as written and checked, never regenerated. */
  recorded: z.boolean().optional(),
  /** The recorded row's cells exactly as written (null: the table has no such column, or it is empty). */
  written: RecordedCellsSchema.nullable().optional(),
  /** 1-based line of the recorded row. */
  line: z.number().int().nullable().optional(),
  /** The phase changes code (§2: a spike that changes code is an investigation → Plan mode). */
  changesCode: z.boolean().optional(),
  /** Read-only research track, and the plan statement that made it one. */
  research: z.boolean().optional(),
  researchWhy: z.string().optional(),
  /** Research tracks cost 2-4× (§1 cost model note): the estimate range the row should expect. */
  researchCostRangeUsd: z.tuple([z.number(), z.number()]).optional(),
});
export type DispatchRowDraft = z.infer<typeof DispatchRowDraftSchema>;

/** Phase id → 1-based merge position ("first-merged session's branch becomes the base"). */
export const MergeOrderSchema = z.record(z.string(), z.number().int().positive());
export type MergeOrder = z.infer<typeof MergeOrderSchema>;

export const DispatchPromptSchema = z.object({
  text: z.string(),
  /** Required template fields left unfilled (shown as `{FIELD}` in the text, never blank). */
  missing: z.array(z.string()),
  /** Soft problems: context bullet count outside 3-5, plain (unlinked) issue ids. */
  warnings: z.array(z.string()),
});
export type DispatchPrompt = z.infer<typeof DispatchPromptSchema>;

export const SubIssueDraftSchema = z.object({
  title: z.string(),
  description: z.string(),
  labels: z.array(z.string()),
  estimate: z.number().int().nullable(),
  parentIssueId: z.string(),
  assignee: z.string().nullable(),
});
export type SubIssueDraft = z.infer<typeof SubIssueDraftSchema>;

export const MasterInfoSchema = z.object({
  issueId: z.string(),
  title: z.string(),
  url: z.string().nullable().default(null),
  repoPath: z.string(),
  /** Linear workspace slug for `https://linear.app/<workspace>/issue/ID`. */
  workspace: z.string(),
  /** Label for the repo line of the prompt (`Plugin repo`, `Project`…). */
  repoLabel: z.string().default('Repo'),
  /** Plan file name, checked against the §5 naming convention when given. */
  planFileName: z.string().nullable().default(null),
});
export type MasterInfo = z.infer<typeof MasterInfoSchema>;
export type MasterInfoInput = z.input<typeof MasterInfoSchema>;

export const DispatchDraftSchema = z.object({
  /**
   * The pair decisions the view shows: every pair that is not PARALLEL OK, and the PARALLEL OK
   * ones too while the plan is small. A pair absent from the list is PARALLEL OK.
   */
  decisions: z.array(PairDecisionSchema),
  /** PARALLEL OK pairs left out of `decisions` (big plans), and phases left out of the evaluation. */
  omitted: z.object({ parallelOkPairs: z.number().int().nonnegative(), phases: z.number().int().nonnegative() }).optional(),
  batches: z.array(BatchSchema),
  rows: z.array(DispatchRowDraftSchema),
  mergeOrder: MergeOrderSchema,
  violations: z.array(ViolationSchema),
  /** Session → generated prompt. */
  prompts: z.record(z.string(), DispatchPromptSchema),
  /** Session → Linear sub-issue to create under the master plan issue. */
  subIssues: z.record(z.string(), SubIssueDraftSchema),
});
export type DispatchDraft = z.infer<typeof DispatchDraftSchema>;
