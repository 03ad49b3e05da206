import { createHash } from 'node:crypto';
import type { SemanticHold } from '../../../shared/domain/mergeView';
import type { PlanLogEntry } from '../../../shared/domain/plan';

/**
 * Semantic conflicts live in the plan file (`## Semantic Conflicts`), so a hold survives restarts
 * and the person can read (and resolve) it there too. A hold line and its resolution carry the same
 * short id; the hold is active until a RESOLVED line with that id follows it.
 */

export const SEMANTIC_HEADING = 'Semantic Conflicts';
/** §3 Cross-session: "Human arbitration required. Flag in Linear, halt affected sessions until resolved." */
export const CROSS_SESSION_HEADING = 'Cross-Session Conflicts';

export function holdIdOf(branches: readonly string[]): string {
  return createHash('sha256').update([...branches].sort().join('\0')).digest('hex').slice(0, 8);
}

/** A cross-session hold of the same branches is another hold than a semantic one (its own id). */
export function crossHoldIdOf(branches: readonly string[]): string {
  return holdIdOf(['\0cross-session', ...branches]);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lines to append when a person flags a semantic conflict: the hold, then each branch's approach. */
export function holdLines(input: { at: string; branches: readonly string[]; note: string; approaches: Readonly<Record<string, string>> }): string[] {
  const id = holdIdOf(input.branches);
  const names = input.branches.map((b) => `\`${b}\``).join(' vs ');
  return [
    `- ${input.at} — HOLD ${id}: ${names} — ${oneLine(input.note)} (merges of this queue wait until the person decides)`,
    ...input.branches.map((b) => `- ${input.at} — approach ${id} \`${b}\`: ${oneLine(input.approaches[b] ?? 'no commits found')}`),
  ];
}

export function resolveLine(input: { at: string; id: string; decision: string }): string {
  return `- ${input.at} — RESOLVED ${input.id}: ${oneLine(input.decision)}`;
}

/**
 * Lines to append when a person flags a cross-session conflict: the hold (both sessions, the files),
 * then what happened to the Linear comment on the master plan issue.
 */
export function crossSessionHoldLines(input: { at: string; branches: readonly string[]; sessions: Readonly<Record<string, string>>; files: readonly string[]; note: string; comment: string }): string[] {
  const id = crossHoldIdOf(input.branches);
  const names = input.branches.map((b) => `\`${b}\``).join(' vs ');
  const who = input.branches.map((b) => input.sessions[b] ?? b).join(' and ');
  const files = input.files.length > 0 ? input.files.map((f) => `\`${f}\``).join(', ') : 'no file named';
  const note = oneLine(input.note);
  return [
    `- ${input.at} — CROSS-SESSION HOLD ${id}: ${names} — files: ${files} — ${note || `${who} overlap`} (merges of both sessions wait until the person resolves)`,
    `- ${input.at} — Linear ${id}: ${oneLine(input.comment)}`,
  ];
}

const CROSS = /^(\S+) — CROSS-SESSION HOLD ([0-9a-f]{8}): (.+?) — files: (.*?) — (.*?)(?: \(merges of both sessions wait until the person resolves\))?$/;
const LINEAR = /^\S+ — Linear ([0-9a-f]{8}): (.*)$/;
const HOLD = /^(\S+) — HOLD ([0-9a-f]{8}): (.+?) — (.*?)(?: \(merges of this queue wait until the person decides\))?$/;
const RESOLVED = /RESOLVED ([0-9a-f]{8})\b/;

function ticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').filter(Boolean);
}

/** The hold that stops a merge of `branch` now: a semantic one stops the whole queue, a cross-session one its own sessions. */
export function holdStopping(holds: readonly SemanticHold[], branch: string | null): SemanticHold | null {
  return holds.find((h) => h.kind !== 'cross-session') ?? (branch ? (holds.find((h) => h.branches.includes(branch)) ?? null) : null);
}

/** Pure: the holds still active in a plan's Semantic Conflicts log. */
export function activeHolds(entries: readonly PlanLogEntry[]): SemanticHold[] {
  const holds = new Map<string, SemanticHold>();
  for (const entry of entries) {
    const text = entry.text.trim();
    const cross = CROSS.exec(text);
    if (cross) {
      const [, at = '', id = '', names = '', files = '', note = ''] = cross;
      holds.set(id, { id, branches: ticked(names), note, at, kind: 'cross-session', files: ticked(files), comment: null });
      continue;
    }
    const linear = LINEAR.exec(text);
    if (linear?.[1]) {
      const held = holds.get(linear[1]);
      if (held) held.comment = linear[2] ?? null;
      continue;
    }
    const hold = HOLD.exec(text);
    if (hold) {
      const [, at = '', id = '', names = '', note = ''] = hold;
      holds.set(id, { id, branches: ticked(names), note, at, kind: 'semantic', files: [], comment: null });
      continue;
    }
    const resolved = RESOLVED.exec(entry.text);
    if (resolved?.[1]) holds.delete(resolved[1]);
  }
  return [...holds.values()];
}
