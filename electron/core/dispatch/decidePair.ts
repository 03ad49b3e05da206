import type { PairDecision, PhaseFacts } from '../../../shared/domain/dispatch';
import { overlappingPaths } from './paths';
import { touchedFiles } from './phaseFacts';
import { infraPatterns, sharedInfrastructureBetween, type InfraPattern } from './sharedInfrastructure';

export interface DecideOptions {
  /** User patterns added to the default shared-infrastructure patterns. */
  extraInfraPatterns?: readonly InfraPattern[];
}

/** Why `reader` must wait for `writer`: a declared dependency and/or outputs it reads. */
function readsOutput(writer: PhaseFacts, reader: PhaseFacts): { declared: boolean; files: string[] } {
  return {
    declared: reader.dependsOn.includes(writer.phase),
    files: overlappingPaths(writer.outputs, reader.inputs),
  };
}

function describeRead(writer: PhaseFacts, reader: PhaseFacts, r: { declared: boolean; files: string[] }): string {
  const parts: string[] = [];
  if (r.declared) parts.push(`${reader.phase} depends on ${writer.phase}`);
  if (r.files.length > 0) parts.push(`${reader.phase} reads ${r.files.join(', ')} from ${writer.phase}`);
  return parts.join('; ');
}

/**
 * Walks the §1 decision tree for phases A and B (A earlier in the plan) and records each step taken.
 * 1. Does one read the other's output? → SEQUENTIAL, the reader waits.
 * 2. Do both touch the same files/directories? → separate branches possible ? PARALLEL with branch
 *    strategy : SEQUENTIAL.
 * 3. Do both modify shared infrastructure? → SEQUENTIAL.
 * 4. Otherwise PARALLEL OK.
 */
export function decidePair(a: PhaseFacts, b: PhaseFacts, options: DecideOptions = {}): PairDecision {
  const path: string[] = [];
  const base = { a: a.phase, b: b.phase, sharedFiles: [] as string[], sharedInfrastructure: [] as string[] };

  const bReadsA = readsOutput(a, b);
  const aReadsB = readsOutput(b, a);
  const bWaits = bReadsA.declared || bReadsA.files.length > 0;
  const aWaits = aReadsB.declared || aReadsB.files.length > 0;
  if (bWaits && aWaits) {
    path.push(
      `Does ${b.phase} read ${a.phase}'s output? Yes: ${describeRead(a, b, bReadsA)}`,
      `Does ${a.phase} read ${b.phase}'s output? Yes: ${describeRead(b, a, aReadsB)} — each waits for the other (cycle)`,
    );
    return { ...base, verdict: 'SEQUENTIAL', path, order: null, dependency: true };
  }
  if (bWaits || aWaits) {
    const [writer, reader, r] = bWaits ? [a, b, bReadsA] : [b, a, aReadsB];
    path.push(`Does ${reader.phase} read ${writer.phase}'s output? Yes: ${describeRead(writer, reader, r)}`);
    path.push(`SEQUENTIAL (${reader.phase} waits for ${writer.phase})`);
    return { ...base, verdict: 'SEQUENTIAL', path, order: bWaits ? 'a-before-b' : 'b-before-a', dependency: true };
  }
  path.push(`Does ${b.phase} read ${a.phase}'s output (or ${a.phase} read ${b.phase}'s)? No`);

  const ta = touchedFiles(a);
  const tb = touchedFiles(b);
  const actual = a.actualChangedFiles !== null || b.actualChangedFiles !== null ? ' (planned files + actual diff)' : '';
  const shared = overlappingPaths(ta, tb);
  if (shared.length > 0) {
    path.push(`Do both touch the same files or directories${actual}? Yes: ${shared.join(', ')}`);
    const separate = a.canUseSeparateBranches && b.canUseSeparateBranches;
    if (separate) {
      path.push('Can they work on separate branches? Yes');
      path.push('PARALLEL with branch strategy');
      return { ...base, sharedFiles: shared, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', path, order: null, dependency: false };
    }
    const who = [a, b].filter((p) => !p.canUseSeparateBranches).map((p) => p.phase);
    path.push(`Can they work on separate branches? No (${who.join(', ')} cannot)`);
    path.push(`SEQUENTIAL (${a.phase} before ${b.phase}, plan order)`);
    return { ...base, sharedFiles: shared, verdict: 'SEQUENTIAL', path, order: 'a-before-b', dependency: false };
  }
  path.push(`Do both touch the same files or directories${actual}? No`);

  const infra = sharedInfrastructureBetween(ta, tb, infraPatterns(options.extraInfraPatterns));
  if (infra.length > 0) {
    const labels = infra.map((i) => `${i.category} (${a.phase}: ${i.filesA.join(', ')}; ${b.phase}: ${i.filesB.join(', ')})`);
    path.push(`Do both modify shared infrastructure? Yes: ${labels.join('; ')}`);
    path.push(`SEQUENTIAL (merge conflicts are expensive; ${a.phase} before ${b.phase}, plan order)`);
    return {
      ...base,
      sharedInfrastructure: infra.map((i) => i.category),
      verdict: 'SEQUENTIAL',
      path,
      order: 'a-before-b',
      dependency: false,
    };
  }
  path.push('Do both modify shared infrastructure? No');
  path.push('PARALLEL OK');
  return { ...base, verdict: 'PARALLEL_OK', path, order: null, dependency: false };
}

/** Every unordered pair, A before B in the given (plan) order. */
export function decideAllPairs(phases: readonly PhaseFacts[], options: DecideOptions = {}): PairDecision[] {
  const out: PairDecision[] = [];
  for (let i = 0; i < phases.length; i += 1) {
    for (let j = i + 1; j < phases.length; j += 1) {
      const a = phases[i];
      const b = phases[j];
      if (a && b) out.push(decidePair(a, b, options));
    }
  }
  return out;
}

/** Finds the decision for two phases whichever way round it was recorded. */
export function findDecision(decisions: readonly PairDecision[], x: string, y: string): PairDecision | undefined {
  return decisions.find((d) => (d.a === x && d.b === y) || (d.a === y && d.b === x));
}

/** Does `first` have to finish before `second` according to this decision? */
export function mustPrecede(d: PairDecision, first: string, second: string): boolean {
  if (d.order === 'a-before-b') return d.a === first && d.b === second;
  if (d.order === 'b-before-a') return d.b === first && d.a === second;
  return false;
}
