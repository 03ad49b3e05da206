import { z } from 'zod';

/**
 * Plan files (formats.md §2.1): master plans and session plans, as Switchyard reads them.
 * Everything here is data parsed from a hand-edited markdown file, so most fields are strings as
 * written (trimmed) and `null` where a cell or line is absent.
 */

/** A reference to a Linear issue, e.g. `[CIA-546](https://linear.app/claudian/issue/CIA-546)`. */
export const IssueRef = z.object({
  /** `CIA-546` (team key upper-cased as written). */
  id: z.string(),
  url: z.string().nullable(),
  /** From `[CIA-546: Title](url)`, else null. */
  title: z.string().nullable(),
  /** False for a plain `CIA-546` (a format violation the parser flags). */
  linked: z.boolean(),
});
export type IssueRef = z.infer<typeof IssueRef>;

export const PlanHeader = z.object({
  parentIssue: IssueRef.nullable(),
  /** Title of the parent issue (from the link text) or the raw value when it is no link. */
  parentTitle: z.string().nullable(),
  date: z.string().nullable(),
  session: z.string().nullable(),
  supersedes: z.string().nullable(),
});
export type PlanHeader = z.infer<typeof PlanHeader>;

/** `| ID | Title | Status | Exec | Est | Depends On |` */
export const IssueRegistryRow = z.object({
  issue: IssueRef,
  title: z.string(),
  status: z.string(),
  exec: z.string(),
  est: z.string(),
  /** Issue ids (`CIA-540`), empty for `None`/`-`. */
  dependsOn: z.array(z.string()),
});
export type IssueRegistryRow = z.infer<typeof IssueRegistryRow>;

/** `| Phase | Issues | Focus | Batch | Dependencies |` */
export const PhaseRow = z.object({
  phase: z.string(),
  issues: z.array(IssueRef),
  focus: z.string(),
  batch: z.string().nullable(),
  /** Phase ids this phase waits for (`1A, 1B`); empty for `None`. */
  dependencies: z.array(z.string()),
  /** From `None (parallel with 1A)`. */
  parallelWith: z.array(z.string()),
  /** The Dependencies cell as written. */
  raw: z.string(),
  /** A Branch column of the Phase Map, as written (`claude/cia-811-sync`, `main`); absent when the table has none. */
  branch: z.string().nullable().optional(),
});
export type PhaseRow = z.infer<typeof PhaseRow>;

/** `| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |` (or `Branch`, `Launch as`, `Merge order`). */
export const DispatchRow = z.object({
  session: z.string(),
  issue: IssueRef.nullable(),
  focus: z.string(),
  mode: z.string(),
  /** `~$5` → 5; null when absent or unreadable. */
  estCostUsd: z.number().nullable(),
  estCostRaw: z.string(),
  agent: z.string(),
  worktree: z.string().nullable(),
  branch: z.string().nullable(),
  launchAs: z.string().nullable(),
  mergeOrder: z.number().nullable(),
  /** A Phase column, as written (tables whose Session labels are not phase ids often have one). */
  phase: z.string().nullable().default(null),
  /** 1-based line of the row. */
  line: z.number().default(0),
});
export type DispatchRow = z.infer<typeof DispatchRow>;

export const DispatchTableVariant = z.enum(['worktree', 'branch', 'full']);
export type DispatchTableVariant = z.infer<typeof DispatchTableVariant>;

export const DispatchTable = z.object({
  /** Text of the nearest heading above the table ('' when none). */
  heading: z.string(),
  /** `worktree`/`branch`: the table has that column; `full`: both (or Launch as + Merge order). */
  variant: DispatchTableVariant,
  rows: z.array(DispatchRow),
  /** 1-based line of the header row. */
  line: z.number().default(0),
  /** `## Dispatch — Batch 2` → 2: the batch the heading names, else null. */
  batch: z.number().nullable().default(null),
});
export type DispatchTable = z.infer<typeof DispatchTable>;

/** `| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |` (older tables lack Worktree/Branch). */
export const SessionRegistryRow = z.object({
  /** Desktop/CLI session name; `(direct main)` is valid. */
  sessionName: z.string(),
  issue: IssueRef.nullable(),
  phase: z.string(),
  agent: z.string(),
  worktree: z.string().nullable(),
  branch: z.string().nullable(),
  status: z.string().nullable(),
});
export type SessionRegistryRow = z.infer<typeof SessionRegistryRow>;

export const KeyFile = z.object({ file: z.string(), purpose: z.string() });
export type KeyFile = z.infer<typeof KeyFile>;

export const VerificationItem = z.object({ text: z.string(), checked: z.boolean() });
export type VerificationItem = z.infer<typeof VerificationItem>;

/** One line of an append-only log section (`## Dispatch Approvals`, `## Merge Log`, `## Semantic Conflicts`). */
export const PlanLogEntry = z.object({
  /** The line without its list marker. */
  text: z.string(),
  /** 1-based line in the file. */
  line: z.number(),
});
export type PlanLogEntry = z.infer<typeof PlanLogEntry>;

export const PlanDiagnosticSeverity = z.enum(['error', 'warning', 'info']);
export type PlanDiagnosticSeverity = z.infer<typeof PlanDiagnosticSeverity>;

export const PlanDiagnostic = z.object({
  severity: PlanDiagnosticSeverity,
  /** Stable machine code, e.g. `plain-issue-id`, `short-row`, `unknown-column`, `no-phases`. */
  code: z.string(),
  message: z.string(),
  /** 1-based line, or null for file-level findings. */
  line: z.number().nullable(),
});
export type PlanDiagnostic = z.infer<typeof PlanDiagnostic>;

/** A heading of the file, in order (for navigation and for editors). */
export const PlanSection = z.object({
  heading: z.string(),
  depth: z.number(),
  line: z.number(),
});
export type PlanSection = z.infer<typeof PlanSection>;

/**
 * One place the plan declares a merge order, as written (§8 "Define merge order in the dispatch
 * table"): a `Merge order: S-C, S-A, S-B` line (arrows, commas, numbering), a list under a Merge
 * order heading, a Merge order column, or a sentence ("merge S-B first, then S-A"). Tokens are the
 * person's words; `plans/planSessions.ts` resolves them to sessions.
 */
export const MergeOrderDeclaration = z.object({
  source: z.enum(['line', 'list', 'column', 'prose']),
  /** 1-based line (the first line for lists and columns). */
  line: z.number(),
  /** The declaration as written (one line; a list's items joined with ` → `). */
  text: z.string(),
  /** The tokens in order, as written (`S-C`, `Phase 1A`, `CIA-12`). */
  tokens: z.array(z.string()),
  /** For `prose`: the sentence says the later-named one merges first ("merge S-A after S-B"). */
  reversed: z.boolean().default(false),
});
export type MergeOrderDeclaration = z.infer<typeof MergeOrderDeclaration>;

export const ParsedPlan = z.object({
  path: z.string(),
  fileName: z.string(),
  /** First `#` heading, else the file name without `.md`. */
  title: z.string(),
  header: PlanHeader,
  issueRegistry: z.array(IssueRegistryRow),
  phases: z.array(PhaseRow),
  dispatchTables: z.array(DispatchTable),
  sessionRegistry: z.array(SessionRegistryRow),
  keyFiles: z.array(KeyFile),
  verification: z.array(VerificationItem),
  /** Lines of `## Dispatch Approvals` (approvals and overrides the app or the user recorded). */
  approvals: z.array(PlanLogEntry),
  /** Lines of `## Merge Log`. */
  mergeLog: z.array(PlanLogEntry),
  /** Lines of `## Semantic Conflicts`. */
  semanticConflicts: z.array(PlanLogEntry),
  /**
   * `**Exec mode:** pair | **Launch as:** Plan mode` lines written outside tables (§2 "Include this
   * in every dispatch prompt"), with the heading they sit under (`### S-A`).
   */
  launchLines: z.array(z.object({ line: z.number(), heading: z.string(), exec: z.string().nullable(), launchAs: z.string() })).default([]),
  /** Every merge-order declaration, in document order. */
  mergeOrderDeclarations: z.array(MergeOrderDeclaration).default([]),
  sections: z.array(PlanSection),
  diagnostics: z.array(PlanDiagnostic),
  /** sha256 (hex) of the UTF-8 text: the `expectedHash` for a safe write. */
  contentHash: z.string(),
});
export type ParsedPlan = z.infer<typeof ParsedPlan>;
