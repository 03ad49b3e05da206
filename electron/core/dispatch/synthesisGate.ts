import type { Batch, Violation } from '../../../shared/domain/dispatch';
import type { SufficiencyState } from '../../../shared/domain/planState';
import { violation } from './ruleBook';
import type { ResearchShape } from './synthesisPhases';

/**
 * §1 "After all tracks complete, evaluate before proceeding to synthesis … Conflicting evidence
 * requires human resolution before synthesis can proceed": a batch holding a synthesis phase waits
 * for the plan's Research Sufficiency outcome to be SUFFICIENT (the approval gate refuses it, and an
 * override needs a written reason). A synthesis batched together with the tracks it assesses can
 * never be assessed first, and is said so. Pure.
 */
export function synthesisGate(batches: readonly Batch[], shape: ResearchShape, sufficiency: SufficiencyState, followUps: readonly { gap: string; phase: string }[] = []): Violation[] {
  const out: Violation[] = [];
  const tracks = new Set(shape.tracks);
  for (const b of batches) {
    const here = shape.synthesis.filter((s) => b.phases.includes(s.phase));
    if (here.length === 0) continue;
    const ids = here.map((s) => s.phase);
    const why = here.map((s) => `${s.phase}: ${s.why}`).join('; ');
    const where = { batch: b.index, phases: ids };
    const together = b.phases.filter((p) => tracks.has(p));
    if (together.length > 0) {
      out.push(
        violation(
          'research.sufficiency',
          `Synthesis ${ids.join(', ')} is in batch ${b.index} with the research tracks ${together.join(', ')} it builds on: the Research Sufficiency Assessment comes after all tracks complete — put the synthesis in a later batch (${why}).`,
          where,
        ),
      );
      continue;
    }
    if (sufficiency.outcome === 'SUFFICIENT') continue;
    out.push(violation('research.sufficiency', `${sufficiencyWait(sufficiency, followUps)} (synthesis ${why}).`, where));
  }
  return out;
}

/** "Synthesis waits for the Research Sufficiency Assessment: INSUFFICIENT — gaps: …" */
export function sufficiencyWait(s: SufficiencyState, followUps: readonly { gap: string; phase: string }[] = []): string {
  const said = s.writtenOutcome !== null && s.writtenOutcome !== s.outcome ? `; the section's Outcome line says ${s.writtenOutcome}, but the checklist decides` : '';
  return `${verdict(s, followUps)}${said}`;
}

function verdict(s: SufficiencyState, followUps: readonly { gap: string; phase: string }[]): string {
  const head = 'Synthesis waits for the Research Sufficiency Assessment';
  if (s.outcome === 'SUFFICIENT') return `${head}: SUFFICIENT — synthesis may proceed`;
  if (s.outcome === 'INCOMPLETE') return `${head}: INCOMPLETE — ${s.unmet.join('; ')}`;
  const contradiction = s.unmet.filter((u) => u.startsWith('Contradictions'));
  // A gap that has its follow-up track says so: the assessment is redone once the track reports.
  const named = s.gapList.map((g) => {
    const track = followUps.find((f) => f.gap === g)?.phase;
    return track ? `${g} (follow-up track ${track})` : g;
  });
  const gaps = named.length > 0 ? [...named, ...contradiction] : s.unmet;
  return `${head}: INSUFFICIENT — gaps: ${gaps.join('; ')}`;
}
