import { createHash } from 'node:crypto';
import type { SemanticHold } from '../../../shared/domain/mergeView';
import type { PlanLogEntry } from '../../../shared/domain/plan';

/**
 * Semantic conflicts live in the plan file (`## Semantic Conflicts`), so a hold survives restarts
 * and the person can read (and resolve) it there too. A hold line and its resolution carry the same
 * short id; the hold is active until a RESOLVED line with that id follows it.
 */

export const SEMANTIC_HEADING = 'Semantic Conflicts';

export function holdIdOf(branches: readonly string[]): string {
  return createHash('sha256').update([...branches].sort().join('\0')).digest('hex').slice(0, 8);
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

const HOLD = /^(\S+) — HOLD ([0-9a-f]{8}): (.+?) — (.*?)(?: \(merges of this queue wait until the person decides\))?$/;
const RESOLVED = /RESOLVED ([0-9a-f]{8})\b/;

/** Pure: the holds still active in a plan's Semantic Conflicts log. */
export function activeHolds(entries: readonly PlanLogEntry[]): SemanticHold[] {
  const holds = new Map<string, SemanticHold>();
  for (const entry of entries) {
    const hold = HOLD.exec(entry.text.trim());
    if (hold) {
      const [, at = '', id = '', names = '', note = ''] = hold;
      const branches = [...names.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').filter(Boolean);
      holds.set(id, { id, branches, note, at });
      continue;
    }
    const resolved = RESOLVED.exec(entry.text);
    if (resolved?.[1]) holds.delete(resolved[1]);
  }
  return [...holds.values()];
}
