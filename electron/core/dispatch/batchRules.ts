import type { Batch, PhaseFacts, Violation } from '../../../shared/domain/dispatch';
import { mustPrecede } from './decidePair';
import { decisionIndex, type Decisions } from './decisionIndex';
import { violation } from './ruleBook';

export const MAX_IMPLEMENTATION_SESSIONS = 3;
export const MAX_RESEARCH_SESSIONS = 5;

export interface BatchRuleOptions {
  /** Batches whose dispatch table explicitly justifies going beyond 5 research sessions. */
  justifiedResearchBatches?: readonly number[];
}

/** `research` only when every session in it is read-only research. */
export function batchKind(phaseIds: readonly string[], byId: ReadonlyMap<string, PhaseFacts>): Batch['kind'] {
  if (phaseIds.length === 0) return 'implementation';
  return phaseIds.every((id) => byId.get(id)?.readOnlyResearch === true) ? 'research' : 'implementation';
}

/** Sessions allowed side by side for this mix of phases. */
export function batchCap(phaseIds: readonly string[], byId: ReadonlyMap<string, PhaseFacts>): number {
  return batchKind(phaseIds, byId) === 'research' ? MAX_RESEARCH_SESSIONS : MAX_IMPLEMENTATION_SESSIONS;
}

/**
 * Batch-level rules: the session caps, and no pair inside a batch that the decision tree made
 * SEQUENTIAL (a dependency or a conflict), and no phase in an earlier batch than what it reads.
 * `sessions` counts sessions per batch (rows), which may exceed the number of phases.
 */
export function checkBatches(
  batches: readonly Batch[],
  phases: readonly PhaseFacts[],
  decisionsInput: Decisions,
  options: BatchRuleOptions = {},
  sessions: ReadonlyMap<number, number> = new Map(),
): Violation[] {
  const decisions = decisionIndex(decisionsInput);
  const byId = new Map(phases.map((p) => [p.phase, p]));
  const out: Violation[] = [];
  const batchOf = new Map<string, number>();
  for (const b of batches) for (const id of b.phases) batchOf.set(id, b.index);

  for (const b of batches) {
    const count = sessions.get(b.index) ?? b.phases.length;
    const research = b.phases.filter((id) => byId.get(id)?.readOnlyResearch === true);
    const where = { batch: b.index, phases: [...b.phases] };
    if (research.length === b.phases.length && b.phases.length > 0) {
      if (count > MAX_RESEARCH_SESSIONS) {
        // The justification is kept in the plan (`## Dispatch Facts` `Batch N: justification: …`).
        const written = b.phases.map((id) => byId.get(id)?.researchJustification ?? null).find((j): j is string => j !== null && j.trim() !== '');
        const justified = options.justifiedResearchBatches?.includes(b.index) === true || written !== undefined;
        // "Beyond 5 requires explicit justification": with it written, the rule is met, not broken.
        if (!justified) {
          out.push(
            violation(
              'cap.research',
              `Batch ${b.index} dispatches ${count} research sessions (max ${MAX_RESEARCH_SESSIONS}) without the written justification the rule asks for (a Justification line or column in the dispatch table, or "- Batch ${b.index}: justification: …" in ## Dispatch Facts).`,
              where,
            ),
          );
        }
      }
    } else if (research.length > 0) {
      if (count > MAX_IMPLEMENTATION_SESSIONS) {
        out.push(
          violation(
            'cap.mixed',
            `Batch ${b.index} mixes ${research.length} research and ${b.phases.length - research.length} implementation phases in ${count} sessions: the 3-session cap applies (research cap only when every session is read-only research). Not research: ${b.phases
              .filter((id) => !research.includes(id))
              .map((id) => `${id} (${byId.get(id)?.sources.readOnlyResearch ?? 'not stated as research'})`)
              .join('; ')}.`,
            where,
          ),
        );
      }
    } else if (count > MAX_IMPLEMENTATION_SESSIONS) {
      out.push(
        violation(
          'cap.implementation',
          `Batch ${b.index} dispatches ${count} implementation sessions (max ${MAX_IMPLEMENTATION_SESSIONS}); split it into batches of 2-3.`,
          where,
        ),
      );
    }

    for (let i = 0; i < b.phases.length; i += 1) {
      for (let j = i + 1; j < b.phases.length; j += 1) {
        const x = b.phases[i];
        const y = b.phases[j];
        if (x === undefined || y === undefined || x === y) continue;
        const d = decisions.get(x, y);
        if (!d || d.verdict !== 'SEQUENTIAL') continue;
        const pairWhere = { batch: b.index, phases: [d.a, d.b] };
        if (d.dependency) {
          const first = d.order === 'b-before-a' ? d.b : d.a;
          const second = first === d.a ? d.b : d.a;
          const why = d.path[0] ?? '';
          out.push(
            violation(
              'batch.dependency-inside',
              d.order === null
                ? `${d.a} and ${d.b} read each other's output but share batch ${b.index}. ${why}`
                : `${second} waits for ${first} but both are in batch ${b.index}. ${why}`,
              pairWhere,
            ),
          );
        } else {
          const reason =
            d.sharedInfrastructure.length > 0
              ? `both modify shared infrastructure (${d.sharedInfrastructure.join(', ')})`
              : `both touch ${d.sharedFiles.join(', ')} and cannot use separate branches`;
          out.push(violation('batch.conflict-inside', `${d.a} and ${d.b} share batch ${b.index} but ${reason}.`, pairWhere));
        }
      }
    }
  }

  for (const d of decisions.values()) {
    if (!d.dependency || d.order === null) continue;
    const [first, second] = mustPrecede(d, d.a, d.b) ? [d.a, d.b] : [d.b, d.a];
    const bf = batchOf.get(first);
    const bs = batchOf.get(second);
    if (bf !== undefined && bs !== undefined && bf > bs) {
      out.push(
        violation(
          'batch.dependency-order',
          `${second} (batch ${bs}) reads the output of ${first}, which runs later in batch ${bf}.`,
          { batch: bs, phases: [first, second] },
        ),
      );
    }
  }
  return out;
}
