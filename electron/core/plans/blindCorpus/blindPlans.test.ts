import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DispatchRowDraft, LaunchMode, PairVerdict, Violation } from '../../../../shared/domain/dispatch';
import { parsePlan } from '../parsePlan';
import { resolvePlanSessions } from '../planSessions';
import { approvalEdit } from '../service/dispatchRecord';
import { planMergeOrder } from '../../merge/service/mergeOrderFromPlan';
import { dispatchBasis, evaluateDispatch } from '../service/evaluateDispatch';

/**
 * Twelve master plans written the way different people write them, with the answers a reader of the
 * rule book (`parallel-session-dispatch.md` §1, §2, §5, §8) and formats.md §2.1 gives — written
 * before running Switchyard on them. Each plan goes through the Dispatch view's own path:
 * parsePlan → dispatchBasis → evaluateDispatch.
 */

type Pair = [a: string, b: string, verdict: PairVerdict, first?: string];
interface Rule {
  rule: string;
  /** The session label (or phase id of a proposal) the violation is about. */
  row?: string;
}
interface Case {
  file: string;
  why: string;
  phases: string[];
  /** Phase ids per batch, when the rule book settles the grouping. */
  batches?: string[][];
  /** [earlier, later]: phases that must be in strictly ordered batches. */
  batchBefore?: [string, string][];
  /** Phases that must not share a batch. */
  apart?: [string, string][];
  pairs: Pair[];
  /** Recorded dispatch rows: label → phase (absent: not asserted). */
  recorded?: Record<string, string>;
  /** Label (recorded) or phase id (proposal) → the §2 launch mode. */
  launch: Record<string, LaunchMode>;
  /** Labels in the merge order the plan declares (sessions it names, in that order). */
  merge?: string[];
  mergeDeclared: boolean;
  must?: Rule[];
  mustNot?: Rule[];
  /** Label or phase → [branch, worktree] the Dispatch view shows. */
  shown?: Record<string, [string | null, string]>;
  /** What a violation's message must (not) say. */
  messages?: { rule: string; includes?: string; excludes?: string }[];
  /** Plan diagnostics (formats §2.1 format violations the plan list shows), by code. */
  diagnostics?: string[];
  /** Recorded rows whose Branch cell must be shown exactly as written. */
  branches?: Record<string, string>;
}

const BYPASS: LaunchMode = 'Bypass permissions';
const PLAN: LaunchMode = 'Plan mode';
const ASK: LaunchMode = 'Ask permissions';

const CASES: Case[] = [
  {
    file: '2026-04-02-ccc-hook-status.md',
    why: '### headings, Phase Map columns reordered, `Session Name` + `Est` in the dispatch table, merge order as a numbered list under "Merge order:"',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'PARALLEL_OK'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, '2A': PLAN },
    merge: ['S-B', 'S-A'],
    mergeDeclared: true,
    mustNot: [
      { rule: 'plan.file-name' },
      { rule: 'issue.linked' },
      { rule: 'cost.missing', row: 'S-A' },
      { rule: 'cost.missing', row: 'S-B' },
      { rule: 'merge.order' },
      { rule: 'launch.mapping' },
      { rule: 'worktree.parallel' },
      { rule: 'tree.declared-parallel' },
    ],
  },
  {
    file: 'CIA-700-tray-menu.md',
    why: 'plain issue ids everywhere, `## Issues` / `## Phases` headings, emoji status cells, merge order in a sentence',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
      ['1A', '2A', 'PARALLEL_OK'],
    ],
    recorded: { '1A': '1A', '1B': '1B' },
    launch: { '1A': BYPASS, '1B': BYPASS, '2A': BYPASS },
    merge: ['1B', '1A'],
    mergeDeclared: true,
    must: [{ rule: 'issue.linked' }, { rule: 'batch.complete-first' }],
    // 1A is "✅ Done": only 1B holds batch 2.
    messages: [{ rule: 'batch.complete-first', includes: '1B (batch 1: 🟡 In progress)', excludes: '1A (' }],
    mustNot: [{ rule: 'plan.file-name' }, { rule: 'exec.unknown' }],
  },
  {
    file: '2026-04-06-proto-sketch-export.md',
    why: '`## Work breakdown`, the phase list split in two tables with prose between, Issue Registry and dispatch table inside <details>, merge order with →',
    phases: ['1A', '1B', '2A', '2B'],
    batches: [['1A', '1B'], ['2A', '2B']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
      ['2A', '2B', 'PARALLEL_OK'],
      ['1A', '2B', 'PARALLEL_OK'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, '2A': PLAN, '2B': BYPASS },
    merge: ['S-A', 'S-B'],
    mergeDeclared: true,
    mustNot: [{ rule: 'plan.file-name' }, { rule: 'merge.order' }, { rule: 'exec.unknown' }],
  },
  {
    file: 'CIA-820-skill-docs.md',
    why: 'two `(direct main)` sessions on one file: they cannot use separate branches → SEQUENTIAL',
    phases: ['1A', '1B', '1C'],
    apart: [['1A', '1B']],
    pairs: [
      ['1A', '1B', 'SEQUENTIAL'],
      ['1A', '1C', 'PARALLEL_OK'],
      ['1B', '1C', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '1C': BYPASS },
    // §6: the Session Registry records the branch and worktree of sessions already running.
    shown: { '1A': ['main', 'no'], '1B': ['main', 'no'], '1C': ['claude/calm-lovelace', 'yes'] },
    mergeDeclared: false,
    mustNot: [{ rule: 'plan.file-name' }, { rule: 'branch.unique' }, { rule: 'batch.conflict-inside' }],
  },
  {
    file: '2026-04-08-alteri-recall-survey.md',
    why: 'research only: 5 read-only tracks in one batch (relaxed cap 5) and a synthesis that reads them all',
    phases: ['R1', 'R2', 'R3', 'R4', 'R5', 'S1'],
    batches: [['R1', 'R2', 'R3', 'R4', 'R5'], ['S1']],
    pairs: [
      ['R1', 'R2', 'PARALLEL_OK'],
      ['R4', 'R5', 'PARALLEL_OK'],
      ['R1', 'S1', 'SEQUENTIAL', 'R1'],
      ['R3', 'S1', 'SEQUENTIAL', 'R3'],
      ['R5', 'S1', 'SEQUENTIAL', 'R5'],
    ],
    recorded: { T1: 'R1', T2: 'R2', T3: 'R3', T4: 'R4', T5: 'R5' },
    launch: { T1: BYPASS, T2: BYPASS, T3: BYPASS, T4: BYPASS, T5: BYPASS, S1: BYPASS },
    mergeDeclared: false,
    mustNot: [
      { rule: 'cap.research' },
      { rule: 'cap.implementation' },
      { rule: 'cap.mixed' },
      { rule: 'launch.mapping' },
      { rule: 'cost.checkpoint' },
      { rule: 'cost.research' },
      { rule: 'plan.file-name' },
    ],
  },
  {
    file: '2026-04-09-ccc-settings-pane.md',
    why: '4 parallel phases, no Batch column, `Depends On` in the Phase Map, Issue Registry columns reordered with `Est.` and `Blocked by`',
    phases: ['1A', '1B', '1C', '1D'],
    batches: [['1A', '1B'], ['1C', '1D']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '1D', 'PARALLEL_OK'],
      ['1C', '1D', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '1C': PLAN, '1D': ASK },
    mergeDeclared: false,
    mustNot: [{ rule: 'cap.implementation' }, { rule: 'dependency.unknown' }, { rule: 'exec.unknown' }],
  },
  {
    file: '2026-04-10-vault-tag-hygiene.md',
    why: '7 parallel phases → 3+2+2, reference-style issue links, a dispatch table whose session column is `Label`',
    phases: ['1A', '1B', '1C', '1D', '1E', '1F', '1G'],
    batches: [['1A', '1B', '1C'], ['1D', '1E'], ['1F', '1G']],
    pairs: [
      ['1A', '1G', 'PARALLEL_OK'],
      ['1D', '1E', 'PARALLEL_OK'],
    ],
    recorded: { daily: '1A', projects: '1B', reading: '1C' },
    launch: { daily: BYPASS, projects: BYPASS, reading: BYPASS, '1D': BYPASS, '1G': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'issue.linked' }, { rule: 'cap.implementation' }, { rule: 'plan.file-name' }, { rule: 'merge.order-required' }],
  },
  {
    file: 'CIA-810-sync-retry.md',
    why: 'both phases declare the same branch in the Phase Map and touch the same folder → they cannot use separate branches → SEQUENTIAL',
    phases: ['1A', '1B'],
    batches: [['1A'], ['1B']],
    pairs: [['1A', '1B', 'SEQUENTIAL']],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'batch.conflict-inside' }],
  },
  {
    file: '2026-04-11-ccc-public-api.md',
    why: 'Key Files "2A writes the schema; 2B reads it" → 2B reads 2A\'s output → SEQUENTIAL, 2A first',
    phases: ['1A', '2A', '2B'],
    batchBefore: [['2A', '2B']],
    pairs: [
      ['2A', '2B', 'SEQUENTIAL', '2A'],
      ['1A', '2A', 'PARALLEL_OK'],
      ['1A', '2B', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '2A': BYPASS, '2B': BYPASS },
    mergeDeclared: false,
  },
  {
    file: 'CIA-1010-watcher-latency.md',
    why: 'analysis-only spike → Bypass permissions; investigation with code changes → Plan mode; checkpoint → Ask permissions',
    phases: ['1A', '1B', '1C'],
    batches: [['1A', '1B', '1C']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1B', '1C', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': PLAN, '1C': ASK },
    mergeDeclared: false,
    mustNot: [{ rule: 'launch.mapping' }, { rule: 'exec.unknown' }, { rule: 'cap.implementation' }],
  },
  {
    file: '2026-04-12-ccc-login-flow.md',
    why: 'hand-written dispatch table, columns in another order, one Branch cell names another session\'s issue and one ignores {agent}/{issue-id}-{slug}: flagged, never rewritten',
    phases: ['1A', '1B', '1C'],
    batches: [['1A', '1B', '1C']],
    pairs: [['1A', '1B', 'PARALLEL_OK']],
    recorded: { 'S-A': '1A', 'S-B': '1B', 'S-C': '1C' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, 'S-C': BYPASS },
    mergeDeclared: false,
    branches: { 'S-A': 'claude/cia-1101-oauth-callback', 'S-B': 'claude/cia-1101-token-refresh', 'S-C': 'feature/session-cookie' },
    must: [
      { rule: 'branch.naming', row: 'S-B' },
      { rule: 'branch.naming', row: 'S-C' },
    ],
    mustNot: [{ rule: 'branch.naming', row: 'S-A' }, { rule: 'branch.unique' }, { rule: 'plan.file-name' }],
  },
  {
    file: 'glowing-tumbling-otter.md',
    why: 'a random three-word plan name (flagged), `Blocked by` in the Phase Map, merge order with ->',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
      ['1A', '2A', 'PARALLEL_OK'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, '2A': BYPASS },
    merge: ['S-B', 'S-A'],
    mergeDeclared: true,
    must: [{ rule: 'plan.file-name' }],
  },
  {
    file: '2026-04-14-ccc-cost-badge.md',
    why: 'numbered headings, bold phase ids, `Batch 1` cells, "Blocked by 1A and 1B", `Exec Mode` / `Est. Cost (USD)` / `Launch mode` columns, a wrong Launch mode cell, merge order list under a heading',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    // S-B is written "Plan mode": shown as written, flagged below (§2 says Bypass for quick).
    launch: { 'S-A': BYPASS, 'S-B': PLAN, '2A': PLAN },
    merge: ['S-B', 'S-A'],
    mergeDeclared: true,
    must: [{ rule: 'launch.mapping', row: 'S-B' }],
    mustNot: [
      { rule: 'launch.mapping', row: 'S-A' },
      { rule: 'cost.missing', row: 'S-A' },
      { rule: 'cost.missing', row: 'S-B' },
      { rule: 'worktree.parallel' },
      { rule: 'merge.order' },
      { rule: 'dependency.unknown' },
    ],
  },
  {
    file: 'CIA-1500-export-queue.md',
    why: 'issue ids in the Phase Map Dependencies cell, rows out of id order, a Key Files table without outer pipes whose owner column is `Phase`',
    phases: ['1A', '1C', '1B'],
    batches: [['1A', '1C'], ['1B']],
    pairs: [
      ['1A', '1B', 'SEQUENTIAL', '1A'],
      ['1A', '1C', 'PARALLEL_WITH_BRANCH_STRATEGY'],
      ['1B', '1C', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '1C': BYPASS },
    mergeDeclared: false,
    must: [{ rule: 'merge.order-required' }],
    mustNot: [{ rule: 'dependency.unknown' }, { rule: 'batch.dependency-inside' }],
  },
  {
    file: '2026-04-15-ccc-batch-two.md',
    why: 'only batch 2 dispatched, under "### Batch 2 dispatch", a dispatch table with a Phase column and no Issue column; batch 1 Done/Merged in the Session Registry',
    phases: ['1A', '1B', '2A', '2B'],
    batches: [['1A', '1B'], ['2A', '2B']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2B', 'SEQUENTIAL', '1B'],
      ['2A', '2B', 'PARALLEL_OK'],
    ],
    recorded: { 'S-C': '2A', 'S-D': '2B' },
    launch: { 'S-C': PLAN, 'S-D': BYPASS },
    merge: ['S-D', 'S-C'],
    mergeDeclared: true,
    mustNot: [{ rule: 'batch.complete-first' }, { rule: 'failed.dependency' }, { rule: 'merge.order' }, { rule: 'batch.dependency-inside' }],
  },
  {
    file: 'CIA-1600-db-and-ci.md',
    why: 'two phases change the DB schema, two change CI config: each pair is shared infrastructure → SEQUENTIAL',
    phases: ['1A', '1B', '1C', '1D'],
    apart: [
      ['1A', '1B'],
      ['1C', '1D'],
    ],
    pairs: [
      ['1A', '1B', 'SEQUENTIAL'],
      ['1C', '1D', 'SEQUENTIAL'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '1C': BYPASS, '1D': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'cap.implementation' }, { rule: 'batch.conflict-inside' }],
  },
  {
    file: 'CIA-1700-phase-sessions.md',
    why: 'a Phase Map that also carries a Session column is still the Phase Map',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
    ],
    launch: { '1A': BYPASS, '1B': BYPASS, '2A': BYPASS },
    mergeDeclared: false,
  },
  {
    file: '2026-04-18-ccc-event-pipeline.md',
    why: 'Key Files wording: "created by 1A, consumed by 1B", "1C defines …; 1D subscribes to it", "output of 1E, input to 1F" — each B reads A\'s output; alignment colons in the separator row',
    phases: ['1A', '1B', '1C', '1D', '1E', '1F'],
    batchBefore: [
      ['1A', '1B'],
      ['1C', '1D'],
      ['1E', '1F'],
    ],
    pairs: [
      ['1A', '1B', 'SEQUENTIAL', '1A'],
      ['1C', '1D', 'SEQUENTIAL', '1C'],
      ['1E', '1F', 'SEQUENTIAL', '1E'],
      ['1A', '1C', 'PARALLEL_OK'],
      ['1B', '1D', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '1C': BYPASS, '1D': BYPASS, '1E': BYPASS, '1F': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'cap.implementation' }, { rule: 'batch.dependency-inside' }],
  },
  {
    file: 'CIA-2100-settings-store.md',
    why: 'phase ids "Phase 1" / "Phase 2" and a dependency cell "Phase 1"; Exec cells `exec:TDD`, `exec:pair` in backticks, exec:checkpoint; a title starting with the plan\'s issue id',
    phases: ['Phase 1', 'Phase 2', 'Phase 3'],
    batches: [['Phase 1'], ['Phase 2', 'Phase 3']],
    pairs: [
      ['Phase 1', 'Phase 2', 'SEQUENTIAL', 'Phase 1'],
      ['Phase 1', 'Phase 3', 'SEQUENTIAL', 'Phase 1'],
      ['Phase 2', 'Phase 3', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { 'Phase 1': BYPASS, 'Phase 2': PLAN, 'Phase 3': ASK },
    mergeDeclared: false,
    mustNot: [{ rule: 'dependency.unknown' }, { rule: 'exec.unknown' }, { rule: 'issue.linked' }],
  },
  {
    file: '2026-04-20-ccc-merge-sentence.md',
    why: 'merge order as a sentence under a "### Merge Order" heading ("S-C first …, then S-A, then S-B"); Worktree "Yes", Agent "claude code", aligned separator row',
    phases: ['1A', '1B', '1C'],
    batches: [['1A', '1B', '1C']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1B', '1C', 'PARALLEL_OK'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B', 'S-C': '1C' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, 'S-C': BYPASS },
    merge: ['S-C', 'S-A', 'S-B'],
    mergeDeclared: true,
    mustNot: [{ rule: 'worktree.parallel' }, { rule: 'agent.mode-options' }, { rule: 'branch.naming' }, { rule: 'merge.order' }, { rule: 'merge.order-required' }],
  },
  {
    file: 'CIA-2300-query-lexer.md',
    why: 'merge order as a list of branch names under "Merge order:"; "None — parallel with 1A" with a dash',
    phases: ['1A', '1B'],
    batches: [['1A', '1B']],
    pairs: [['1A', '1B', 'PARALLEL_OK']],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS },
    merge: ['S-B', 'S-A'],
    mergeDeclared: true,
    mustNot: [{ rule: 'dependency.unknown' }, { rule: 'tree.declared-parallel' }, { rule: 'merge.order' }],
  },
  {
    file: 'CIA-2400-plain-parent.md',
    why: 'the **Parent issue:** header gives a plain id: a format violation to flag (formats §2.1), in the plan, not on each dispatch row',
    phases: ['1A', '1B'],
    batches: [['1A', '1B']],
    pairs: [['1A', '1B', 'PARALLEL_OK']],
    recorded: {},
    launch: {},
    mergeDeclared: false,
    diagnostics: ['plain-issue-id'],
    // Every row's own issue is linked, and the prompt links the master issue itself.
    mustNot: [{ rule: 'dependency.unknown' }, { rule: 'plan.file-name' }, { rule: 'issue.linked' }],
  },
  {
    file: '2026-04-23-ccc-agent-routing.md',
    why: '§2 Agent Options: Copilot on quick, Cyrus on tdd and cto.new on spike are allowed, Copilot on tdd is not; a phase with two issues (2B) breaks "one issue per session"',
    phases: ['1A', '1B', '1C', '2A', '2B'],
    batches: [['1A', '1B', '1C'], ['2A', '2B']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['2A', '2B', 'PARALLEL_OK'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B', 'S-C': '1C', 'S-D': '2A' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, 'S-C': BYPASS, 'S-D': BYPASS },
    mergeDeclared: false,
    must: [
      { rule: 'agent.mode-options', row: 'S-D' },
      { rule: 'issue.one-session', row: '2B' },
    ],
    mustNot: [
      { rule: 'agent.mode-options', row: 'S-A' },
      { rule: 'agent.mode-options', row: 'S-B' },
      { rule: 'agent.mode-options', row: 'S-C' },
      { rule: 'worktree.external' },
      { rule: 'worktree.parallel' },
      { rule: 'cap.implementation' },
    ],
  },
  {
    file: '2026-04-24-ccc-header-words.md',
    why: 'header words people use: Phase ID, Issue(s), Scope, Prerequisites / Prereqs, Issue ID, State, Execution, Points, Session label, Linear issue, Task, Exec mode, Cost estimate, Assignee, Worktree?, Branch name, File(s), Notes',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, '2A': PLAN },
    shown: { 'S-A': ['claude/cia-2601-parser', 'yes'], 'S-B': ['claude/cia-2602-rule-set', 'yes'] },
    branches: { 'S-A': 'claude/cia-2601-parser', 'S-B': 'claude/cia-2602-rule-set' },
    mergeDeclared: false,
    mustNot: [
      { rule: 'cost.missing', row: 'S-A' },
      { rule: 'cost.missing', row: 'S-B' },
      { rule: 'worktree.parallel' },
      { rule: 'exec.unknown' },
      { rule: 'dependency.unknown' },
      { rule: 'merge.order-required' },
    ],
  },
  {
    file: 'CIA-2700-mode-mapping.md',
    why: '§2 mapping and its override, one of each: swarm → Bypass; A/B comparison (no code) and a decision deliverable → Bypass whatever the exec mode; investigation that implements a fix → Plan mode; spike producing a doc → Bypass; `exec:tdd, type:feature` → Bypass',
    phases: ['1A', '1B', '1C', '2A', '2B', '2C'],
    batches: [['1A', '1B', '1C'], ['2A', '2B', '2C']],
    pairs: [
      ['1A', '1B', 'PARALLEL_OK'],
      ['2A', '2C', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '1C': BYPASS, '2A': PLAN, '2B': BYPASS, '2C': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'exec.unknown' }, { rule: 'launch.mapping' }, { rule: 'cap.implementation' }, { rule: 'cap.mixed' }, { rule: 'issue.linked' }],
  },
  {
    file: 'CIA-2800-direct-main-dispatch.md',
    why: 'two `(direct main)` rows in the dispatch table on one file: both kept as written (main, no), SEQUENTIAL, not an error to run one beside a worktree session (§6 registry example)',
    phases: ['1A', '1B', '1C'],
    apart: [['1A', '1B']],
    pairs: [
      ['1A', '1B', 'SEQUENTIAL'],
      ['1A', '1C', 'PARALLEL_OK'],
    ],
    recorded: { '(direct main)': '1A', '(direct main) (1B)': '1B', 'S-C': '1C' },
    launch: { '(direct main)': BYPASS, '1B': BYPASS, 'S-C': BYPASS },
    shown: { '(direct main)': ['main', 'no'], '1B': ['main', 'no'], 'S-C': ['claude/cia-2803-version-bump', 'yes'] },
    mergeDeclared: false,
    mustNot: [{ rule: 'branch.unique' }, { rule: 'branch.naming' }, { rule: 'batch.conflict-inside' }],
    messages: [{ rule: 'worktree.parallel', excludes: 'must be yes' }],
  },
  {
    file: '2026-04-27-ccc-letters-per-batch.md',
    why: 'session letters restarted in the batch 2 table (S-A, S-B again, other issues): four sessions, none dropped',
    phases: ['1A', '1B', '2A', '2B'],
    batches: [['1A', '1B'], ['2A', '2B']],
    pairs: [
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2B', 'SEQUENTIAL', '1B'],
    ],
    recorded: { 'S-A': '1A', 'S-B': '1B', 'S-A (2A)': '2A', 'S-B (2B)': '2B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, '2A': PLAN, '2B': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'issue.one-session' }, { rule: 'batch.dependency-inside' }],
  },
  {
    file: '2026-04-28-ccc-dependency-words.md',
    why: 'Dependencies cells in words: "Needs 1A\'s schema", "Sequential after 1B", "2A (meter), 2B (alerts)"',
    phases: ['1A', '1B', '2A', '2B', '3A'],
    batches: [['1A', '1B'], ['2A', '2B'], ['3A']],
    pairs: [
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2B', 'SEQUENTIAL', '1B'],
      ['2A', '3A', 'SEQUENTIAL', '2A'],
      ['2B', '3A', 'SEQUENTIAL', '2B'],
      ['1B', '2A', 'PARALLEL_OK'],
      ['2A', '2B', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '2A': BYPASS, '3A': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'dependency.unknown' }, { rule: 'batch.dependency-inside' }, { rule: 'batch.dependency-order' }],
  },
  {
    file: '2026-04-29-ccc-nested-tables.md',
    why: 'the Phase Map inside a blockquote, the dispatch table inside a list item, the merge order as a list item',
    phases: ['1A', '1B'],
    batches: [['1A', '1B']],
    pairs: [['1A', '1B', 'PARALLEL_OK']],
    recorded: { 'S-A': '1A', 'S-B': '1B' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS },
    merge: ['S-B', 'S-A'],
    mergeDeclared: true,
    mustNot: [{ rule: 'worktree.parallel' }, { rule: 'cost.missing' }],
  },
  {
    file: 'CIA-3200-issue-status-done.md',
    why: 'batch 1 recorded Done only in the Issue Registry (no Session Registry): batch 2 may launch (§1 "Complete Batch 1 before launching Batch 2"; §8 exit "Mark its Linear issue Done")',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '1B': BYPASS, '2A': PLAN },
    mergeDeclared: false,
    mustNot: [{ rule: 'batch.complete-first' }, { rule: 'failed.dependency' }],
  },
  {
    file: '2026-05-01-alteri-mixed-fanout.md',
    why: '4 research tracks and 2 implementation phases interleaved, no batches declared: the tool must batch them within the caps (5 for an all-research batch, 3 otherwise)',
    phases: ['R1', 'R2', '1A', 'R3', '1B', 'R4'],
    pairs: [
      ['R1', '1A', 'PARALLEL_OK'],
      ['1A', '1B', 'PARALLEL_OK'],
    ],
    recorded: {},
    launch: { R1: BYPASS, R4: BYPASS, '1A': BYPASS, '1B': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'cap.research' }, { rule: 'cap.implementation' }, { rule: 'cap.mixed' }],
  },
  {
    file: 'CIA-3300-phase-emoji.md',
    why: 'phases ticked off with ✅ in the Phase cell (`**1A** ✅`): the id is still 1A',
    phases: ['1A', '1B', '2A'],
    batches: [['1A', '1B'], ['2A']],
    pairs: [
      ['1A', '2A', 'SEQUENTIAL', '1A'],
      ['1B', '2A', 'SEQUENTIAL', '1B'],
    ],
    recorded: {},
    launch: { '1A': BYPASS, '2A': BYPASS },
    mergeDeclared: false,
    mustNot: [{ rule: 'dependency.unknown' }, { rule: 'batch.complete-first' }],
  },
  {
    file: '2026-05-02-ccc-merge-table.md',
    why: 'the merge order as its own small table under "### Merge order" (`| # | Session | Why |`)',
    phases: ['1A', '1B', '1C'],
    batches: [['1A', '1B', '1C']],
    pairs: [['1A', '1C', 'PARALLEL_OK']],
    recorded: { 'S-A': '1A', 'S-B': '1B', 'S-C': '1C' },
    launch: { 'S-A': BYPASS, 'S-B': BYPASS, 'S-C': BYPASS },
    merge: ['S-C', 'S-A', 'S-B'],
    mergeDeclared: true,
    mustNot: [{ rule: 'merge.order' }],
  },
];

function run(c: Case, shape: (text: string) => string = (t) => t) {
  const text = shape(readFileSync(join(__dirname, c.file), 'utf8'));
  const plan = parsePlan(text, `/plans/${c.file}`);
  const basis = dispatchBasis(plan, text, []);
  return { text, plan, basis, evaluation: evaluateDispatch(basis), sessions: resolvePlanSessions(plan) };
}

function rowFor(rows: readonly DispatchRowDraft[], key: string): DispatchRowDraft | undefined {
  return rows.find((r) => r.recorded && r.session === key) ?? rows.find((r) => !r.recorded && r.phase === key) ?? rows.find((r) => r.phase === key);
}

function about(v: Violation, rule: Rule, rows: readonly DispatchRowDraft[]): boolean {
  if (v.rule !== rule.rule) return false;
  if (!rule.row) return true;
  if (v.where.row?.split(/,\s*/).includes(rule.row)) return true;
  const phase = rowFor(rows, rule.row)?.phase;
  return !v.where.row && phase !== undefined && (v.where.phases ?? []).includes(phase);
}

const said = (vs: readonly Violation[]) => vs.map((v) => `${v.rule} [${v.where.row ?? (v.where.phases ?? []).join(',')}] ${v.message}`).join('\n');

describe.each(CASES)('blind plan $file', (c) => {
  const { text, plan, basis, evaluation, sessions } = run(c);
  const batchOf = (phase: string) => evaluation.rows.find((r) => r.phase === phase)?.batch;

  it(`reads the phases (${c.why})`, () => {
    expect(plan.phases.map((p) => p.phase)).toEqual(c.phases);
  });

  it('decides each pair by the §1 tree', () => {
    for (const [a, b, verdict, first] of c.pairs) {
      const d = basis.draft.decisions.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a));
      expect(d, `${a}/${b}`).toBeDefined();
      expect(d?.verdict, `${a}/${b}: ${d?.path.join(' → ')}`).toBe(verdict);
      if (first && d) expect(d.order === 'a-before-b' ? d.a : d.b, `${a}/${b} runs first`).toBe(first);
    }
  });

  it('batches as the rule book settles it', () => {
    if (c.batches) {
      const indices = [...new Set(evaluation.rows.map((r) => r.batch))].sort((x, y) => x - y);
      const got = indices.map((i) => evaluation.rows.filter((r) => r.batch === i).map((r) => r.phase).sort());
      expect(got).toEqual(c.batches.map((b) => [...b].sort()));
    }
    for (const [x, y] of c.batchBefore ?? []) expect((batchOf(x) ?? 0) < (batchOf(y) ?? 0), `${x} before ${y}`).toBe(true);
    for (const [x, y] of c.apart ?? []) expect(batchOf(x), `${x} apart from ${y}`).not.toBe(batchOf(y));
  });

  it('keeps every batch within the §1 caps (5 when all read-only research, else 3)', () => {
    for (const b of [...new Set(evaluation.rows.map((r) => r.batch))]) {
      const rows = evaluation.rows.filter((r) => r.batch === b);
      const research = rows.every((r) => r.research === true);
      if (!(c.must ?? []).some((m) => m.rule.startsWith('cap.'))) expect(rows.length, `batch ${b}: ${rows.map((r) => r.phase).join(', ')}`).toBeLessThanOrEqual(research ? 5 : 3);
    }
  });

  it('shows the recorded dispatch rows as written and proposes the rest', () => {
    const recorded = Object.fromEntries(evaluation.rows.filter((r) => r.recorded).map((r) => [r.session, r.phase]));
    if (c.recorded) expect(recorded).toEqual(c.recorded);
    for (const [label, branch] of Object.entries(c.branches ?? {})) {
      const row = rowFor(evaluation.rows, label);
      expect([row?.written?.branch, row?.branch], label).toEqual([branch, branch]);
    }
  });

  it('shows the branch and worktree the plan records', () => {
    const got = Object.fromEntries(Object.keys(c.shown ?? {}).map((k) => [k, [rowFor(evaluation.rows, k)?.branch ?? null, rowFor(evaluation.rows, k)?.worktree ?? null]]));
    expect(got).toEqual(c.shown ?? {});
  });

  it('gives each session its §2 launch mode', () => {
    const got = Object.fromEntries(Object.keys(c.launch).map((k) => [k, rowFor(evaluation.rows, k)?.launchAs ?? null]));
    expect(got).toEqual(c.launch);
  });

  it('keeps the merge order the plan declares', () => {
    expect(sessions.mergeOrder.declared).toBe(c.mergeDeclared);
    if (c.merge) {
      const order = [...evaluation.rows].sort((x, y) => x.mergeOrder - y.mergeOrder).map((r) => r.session);
      expect(order.filter((s) => c.merge?.includes(s))).toEqual(c.merge);
    }
    expect(sessions.mergeOrder.unmatched).toEqual([]);
    // The Merge view queues the same sessions in the same order (only those with a branch of their own).
    if (c.merge) {
      const queued = planMergeOrder(plan, []).branches.map((b) => b.label);
      expect(queued.filter((l) => c.merge?.includes(l))).toEqual(c.merge.filter((l) => queued.includes(l)));
    }
  });

  it('flags what the rule book flags, and nothing it does not', () => {
    for (const code of c.diagnostics ?? []) expect(plan.diagnostics.map((d) => d.code), code).toContain(code);
    for (const m of c.messages ?? []) {
      const text = evaluation.violations.filter((v) => v.rule === m.rule).map((v) => v.message).join('\n');
      if (m.includes) expect(text).toContain(m.includes);
      if (m.excludes) expect(text).not.toContain(m.excludes);
    }
    const missing = (c.must ?? []).filter((r) => !evaluation.violations.some((v) => about(v, r, evaluation.rows)));
    const wrong = (c.mustNot ?? []).filter((r) => evaluation.violations.some((v) => about(v, r, evaluation.rows)));
    expect({ missing, wrong }, said(evaluation.violations)).toEqual({ missing: [], wrong: [] });
  });

  it('approving every batch keeps every line the person wrote', () => {
    let next = text;
    for (const b of [...new Set(evaluation.rows.map((r) => r.batch))]) {
      const rows = evaluation.rows.filter((r) => r.batch === b);
      next = approvalEdit({ batch: b, rows, at: '2026-12-02T00:00:00.000Z', by: 'blind', overrideReason: 'blind corpus', overridden: [] })(next);
    }
    const kept = next.split(/\r?\n/);
    expect(text.split(/\r?\n/).filter((line) => line.trim() !== '' && !kept.includes(line))).toEqual([]);
  });
});

/** The same plans saved on Windows (BOM + CRLF) read the same. */
describe.each(CASES)('blind plan $file with a BOM and CRLF line ends', (c) => {
  it('gives the same phases, decisions, rows, batches, merge order and rules', () => {
    const lf = run(c);
    const crlf = run(c, (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`);
    const view = (r: ReturnType<typeof run>) => ({
      phases: r.plan.phases.map((p) => p.phase),
      decisions: r.basis.draft.decisions.map((d) => [d.a, d.b, d.verdict, d.order]),
      rows: r.evaluation.rows.map((x) => [x.session, x.phase, x.batch, x.launchAs, x.worktree, x.branch, x.mergeOrder]),
      declared: r.sessions.mergeOrder.declared,
      rules: [...new Set(r.evaluation.violations.map((v) => `${v.rule} ${v.where.row ?? ''}`))].sort(),
    });
    expect(view(crlf)).toEqual(view(lf));
  });
});
