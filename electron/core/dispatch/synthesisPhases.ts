import type { PhaseFacts } from '../../../shared/domain/dispatch';
import { typeLabels } from './phaseFacts';

/**
 * §1 Research Track Dispatch: "After all tracks complete, evaluate before proceeding to synthesis."
 * Which phase of a plan is the synthesis, decided from what the plan says:
 * - it names itself so: a `type:synthesis` label, or Focus / issue title saying synthesis
 *   ("Synthesis", "synthesize", "synthesise findings"), in a plan that has research tracks;
 * - or it is not research itself and reads the output of research tracks (Phase Map
 *   Dependencies, Issue Registry Depends On, Key Files, Dispatch Facts — whatever set `dependsOn`).
 * A phase that builds on a named synthesis (an implementation of its recommendation) is downstream
 * of synthesis, not synthesis. The research tracks are the read-only research phases that are not
 * synthesis. Pure.
 */

export interface SynthesisPhase {
  phase: string;
  /** The plan statement that made it synthesis, in words. */
  why: string;
}

export interface ResearchShape {
  /** Read-only research phases that are not synthesis: what the sufficiency assessment is about. */
  tracks: string[];
  synthesis: SynthesisPhase[];
}

const SYNTHESIS_WORD = /\bsynthe(?:sis|ses|si[sz](?:e|es|ed|ing))\b/i;

function namedSynthesis(p: PhaseFacts): string | null {
  if (p.typeLabels.includes('synthesis') || typeLabels(p.execRaw).includes('synthesis') || typeLabels(p.focus).includes('synthesis')) return 'label type:synthesis';
  const inFocus = SYNTHESIS_WORD.exec(p.focus)?.[0];
  if (inFocus) return `Focus "${p.focus.trim()}" says "${inFocus}"`;
  for (const [id, title] of Object.entries(p.issueTitles)) {
    if (typeLabels(title).includes('synthesis')) return `${id} is labelled type:synthesis`;
    const inTitle = SYNTHESIS_WORD.exec(title)?.[0];
    if (inTitle) return `issue ${id} "${title.trim()}" says "${inTitle}"`;
  }
  return null;
}

export function researchShape(facts: readonly PhaseFacts[]): ResearchShape {
  if (!facts.some((f) => f.readOnlyResearch)) return { tracks: [], synthesis: [] };
  const named = new Map<string, string>();
  for (const p of facts) {
    const why = namedSynthesis(p);
    if (why) named.set(p.phase, why);
  }
  const tracks = facts.filter((f) => f.readOnlyResearch && !named.has(f.phase)).map((f) => f.phase);
  if (tracks.length === 0) return { tracks: [], synthesis: [] };
  const trackSet = new Set(tracks);
  const synthesis: SynthesisPhase[] = [];
  for (const p of facts) {
    const why = named.get(p.phase);
    if (why) {
      synthesis.push({ phase: p.phase, why });
      continue;
    }
    if (p.readOnlyResearch || p.dependsOn.some((d) => named.has(d))) continue;
    const reads = p.dependsOn.filter((d) => trackSet.has(d));
    if (reads.length === 0) continue;
    const source = reads.map((d) => p.sources[`dependsOn:${d}`]).find((s) => s !== undefined);
    synthesis.push({ phase: p.phase, why: `not research, and reads the output of research track${reads.length === 1 ? '' : 's'} ${reads.join(', ')}${source ? ` (${source})` : ''}` });
  }
  return { tracks, synthesis };
}
