import { readPlanFile, writePlanFileSafely, type PlanEdit, type SafeWriteResult } from './planFile';
import { appendToSection, setSessionRegistryStatus } from './planWriter';

/**
 * What the merge queue writes into the master plan: the Merge Log (every merge and undo, with any
 * out-of-order reason), the Session Registry status, and semantic conflicts. Every write is an edit
 * re-applied to the file's current text (`writePlanFileSafely`), so a person's concurrent edit is
 * never overwritten and bytes outside the touched lines stay identical.
 */

export const MERGE_LOG_HEADING = 'Merge Log';

function short(sha: string | null): string {
  return sha ? sha.slice(0, 10) : '—';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface MergeRecordInput {
  at: string;
  branch: string;
  phase: string | null;
  base: string;
  strategy: string;
  oldSha: string | null;
  newSha: string | null;
  overrideReason: string | null;
  /** Session Registry row to mark Merged (session name, else issue id); null leaves the registry alone. */
  registryKey: string | null;
}

export function mergeLogLine(input: MergeRecordInput): string {
  const phase = input.phase ? ` (${input.phase})` : '';
  const override = input.overrideReason ? `; OUT OF ORDER: "${oneLine(input.overrideReason).replace(/"/g, "'")}"` : '';
  return `- ${input.at} — merged \`${input.branch}\`${phase} into \`${input.base}\` by ${input.strategy}: ${short(input.oldSha)} → ${short(input.newSha)}${override}`;
}

export function mergeRecordEdit(input: MergeRecordInput): PlanEdit {
  return (text) => {
    let next = appendToSection(text, MERGE_LOG_HEADING, mergeLogLine(input));
    if (input.registryKey) next = setSessionRegistryStatus(next, input.registryKey, 'Merged');
    return next;
  };
}

export function undoLogLine(input: { at: string; branch: string; restoredSha: string | null; backupRef: string }): string {
  return `- ${input.at} — undo: \`${input.branch}\` restored to ${short(input.restoredSha)} from ${input.backupRef}`;
}

export function revertLogLine(input: { at: string; branch: string; revertSha: string | null; reason: string }): string {
  return `- ${input.at} — revert: new commit ${short(input.revertSha)} on \`${input.branch}\` takes out "${oneLine(input.reason)}" (commits made on top were kept)`;
}

/** Applies `edit` to the plan file as it is now; the outcome says whether it landed. */
export async function writePlanEdit(planPath: string, edit: PlanEdit): Promise<SafeWriteResult> {
  const current = await readPlanFile(planPath);
  return writePlanFileSafely(planPath, current.hash, edit);
}

export function appendLogEdit(heading: string, lines: readonly string[]): PlanEdit {
  return (text) => appendToSection(text, heading, lines);
}
