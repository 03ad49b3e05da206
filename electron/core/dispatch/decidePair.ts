import type { PairDecision, PhaseFacts } from '../../../shared/domain/dispatch';
import { decisionIndex, type Decisions } from './decisionIndex';
import { isGlob, normalizePath, overlappingPaths } from './paths';
import { touchedFiles } from './phaseFacts';
import { classifyInfrastructure, infraPatterns, sharedInfrastructureBetween, type InfraPattern } from './sharedInfrastructure';

export interface DecideOptions {
  /** User patterns added to the default shared-infrastructure patterns. */
  extraInfraPatterns?: readonly InfraPattern[];
}

/** Why `reader` must wait for `writer`: a declared dependency and/or outputs it reads. */
function readsOutput(writer: PhaseFacts, reader: PhaseFacts): { declared: boolean; files: string[] } {
  return {
    declared: reader.dependsOn.includes(writer.phase),
    files: writer.outputs.length === 0 || reader.inputs.length === 0 ? [] : overlappingPaths(writer.outputs, reader.inputs),
  };
}

/** The plan statement that makes `reader` wait, e.g. "Key Files: `api/spec.yaml` — 1A writes, 1B reads". */
function describeRead(writer: PhaseFacts, reader: PhaseFacts, r: { declared: boolean; files: string[] }): string {
  const parts: string[] = [];
  if (r.declared) parts.push(reader.sources[`dependsOn:${writer.phase}`] ?? `${reader.phase} depends on ${writer.phase}`);
  const undeclared = r.files.filter((f) => !parts.some((p) => p.includes(f)));
  if (undeclared.length > 0) parts.push(`${reader.phase} reads ${undeclared.join(', ')} from ${writer.phase}`);
  return parts.join('; ');
}

/**
 * "Can they work on separate branches?", decided by what the plan says: a pair fact set by hand
 * wins; then a phase that cannot branch at all; then both declaring the same branch (`main`,
 * `(direct main)`, `Worktree: no`). Otherwise yes: each session gets its own
 * `{agent}/{issue-id}-{slug}` branch.
 */
function separateBranches(a: PhaseFacts, b: PhaseFacts): { yes: boolean; why: string } {
  const pair = a.separateBranchesWith[b.phase] ?? b.separateBranchesWith[a.phase];
  if (pair !== undefined) {
    const why = a.sources[`separateBranches:${b.phase}`] ?? b.sources[`separateBranches:${a.phase}`] ?? 'stated for this pair';
    return { yes: pair, why };
  }
  const cannot = [a, b].filter((p) => !p.canUseSeparateBranches);
  if (cannot.length > 0) {
    const why = cannot.map((p) => p.sources.separateBranches ?? `${p.phase} cannot`).join('; ');
    return { yes: false, why: cannot.some((p) => p.sources.separateBranches) ? why : `(${why})` };
  }
  if (a.declaredBranch !== null && a.declaredBranch === b.declaredBranch) {
    return {
      yes: false,
      why: `both work on branch \`${a.declaredBranch}\` (${a.sources.declaredBranch ?? a.phase}; ${b.sources.declaredBranch ?? b.phase})`,
    };
  }
  if (a.declaredBranch !== null && b.declaredBranch !== null) {
    return { yes: true, why: `${a.phase} works on \`${a.declaredBranch}\`, ${b.phase} on \`${b.declaredBranch}\`` };
  }
  return { yes: true, why: 'no statement puts them on one branch; each session gets its own {agent}/{issue-id}-{slug} branch' };
}

/** ` (Key Files: `src/x.ts` — "1A and 1B both edit")`: the statements that name the shared files, if the plan gave them. */
function fileSources(a: PhaseFacts, b: PhaseFacts, shared: readonly string[]): string {
  const said = new Set<string>();
  for (const label of shared) {
    for (const p of [a, b]) {
      for (const f of p.files) {
        const why = p.sources[`file:${f}`];
        if (why && (f === label || label.startsWith(`${f}/`) || f.startsWith(`${label}/`))) said.add(why);
      }
    }
  }
  return said.size === 0 ? '' : ` (${[...said].join('; ')})`;
}

const touched = new WeakMap<PhaseFacts, string[]>();

/** touchedFiles, computed once per phase (decideAllPairs asks for every phase n-1 times). */
function touchedOnce(p: PhaseFacts): string[] {
  let t = touched.get(p);
  if (!t) {
    t = touchedFiles(p);
    touched.set(p, t);
  }
  return t;
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

  const ta = touchedOnce(a);
  const tb = touchedOnce(b);
  const actual = a.actualChangedFiles !== null || b.actualChangedFiles !== null ? ' (planned files + actual diff)' : '';
  const shared = ta.length === 0 || tb.length === 0 ? [] : overlappingPaths(ta, tb);
  if (shared.length > 0) {
    path.push(`Do both touch the same files or directories${actual}? Yes: ${shared.join(', ')}${fileSources(a, b, shared)}`);
    const separate = separateBranches(a, b);
    if (separate.yes) {
      path.push(`Can they work on separate branches? Yes — ${separate.why}`);
      // Separate branches do not make shared infrastructure cheap to merge: the tree's third question still applies.
      const infraShared = sharedInfrastructureBetween(ta, tb, infraPatterns(options.extraInfraPatterns));
      if (infraShared.length > 0) {
        const labels = infraShared.map((i) => `${i.category} (${a.phase}: ${i.filesA.join(', ')}; ${b.phase}: ${i.filesB.join(', ')})`);
        path.push(`Do both modify shared infrastructure? Yes: ${labels.join('; ')}`);
        path.push(`SEQUENTIAL (merge conflicts are expensive; ${a.phase} before ${b.phase}, plan order)`);
        return { ...base, sharedFiles: shared, sharedInfrastructure: infraShared.map((i) => i.category), verdict: 'SEQUENTIAL', path, order: 'a-before-b', dependency: false };
      }
      path.push('PARALLEL with branch strategy');
      return { ...base, sharedFiles: shared, verdict: 'PARALLEL_WITH_BRANCH_STRATEGY', path, order: null, dependency: false };
    }
    path.push(`Can they work on separate branches? No ${separate.why.startsWith('(') ? separate.why : `— ${separate.why}`}`);
    path.push(`SEQUENTIAL (${a.phase} before ${b.phase}, plan order)`);
    return { ...base, sharedFiles: shared, verdict: 'SEQUENTIAL', path, order: 'a-before-b', dependency: false };
  }
  path.push(`Do both touch the same files or directories${actual}? No`);

  const infra = ta.length === 0 || tb.length === 0 ? [] : sharedInfrastructureBetween(ta, tb, infraPatterns(options.extraInfraPatterns));
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
  return decidePairs(phases, options, true).decisions;
}

export interface PairScan {
  /** Plan order (A before B). Without `keepParallelOk`, only pairs that are not PARALLEL OK. */
  decisions: PairDecision[];
  /** PARALLEL OK pairs not in `decisions`. */
  parallelOkOmitted: number;
}

/**
 * Decides every pair, but walks the tree only for pairs that can be related: a dependency between
 * them, a path of one equal to or under a path of the other (or a glob), or a shared
 * infrastructure category. Every other pair is PARALLEL OK by the same tree (no read, no shared
 * file, no shared infrastructure) and costs nothing; it is recorded only when `keepParallelOk`.
 */
export function decidePairs(phases: readonly PhaseFacts[], options: DecideOptions = {}, keepParallelOk = true): PairScan {
  const candidates = relatedPairs(phases, infraPatterns(options.extraInfraPatterns));
  const decisions: PairDecision[] = [];
  let parallelOkOmitted = 0;
  const n = phases.length;
  if (keepParallelOk) {
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const a = phases[i];
        const b = phases[j];
        if (!a || !b) continue;
        decisions.push(candidates.has(i * n + j) ? decidePair(a, b, options) : parallelOk(a, b));
      }
    }
    return { decisions, parallelOkOmitted };
  }
  for (const key of [...candidates].sort((x, y) => x - y)) {
    const a = phases[Math.floor(key / n)];
    const b = phases[key % n];
    if (!a || !b) continue;
    const d = decidePair(a, b, options);
    if (d.verdict === 'PARALLEL_OK') parallelOkOmitted += 1;
    else decisions.push(d);
  }
  parallelOkOmitted += (n * (n - 1)) / 2 - candidates.size;
  return { decisions, parallelOkOmitted };
}

/** The decision decidePair reaches for two unrelated phases, without walking the tree. */
function parallelOk(a: PhaseFacts, b: PhaseFacts): PairDecision {
  return {
    a: a.phase,
    b: b.phase,
    verdict: 'PARALLEL_OK',
    path: [
      `Does ${b.phase} read ${a.phase}'s output (or ${a.phase} read ${b.phase}'s)? No`,
      `Do both touch the same files or directories${a.actualChangedFiles !== null || b.actualChangedFiles !== null ? ' (planned files + actual diff)' : ''}? No`,
      'Do both modify shared infrastructure? No',
      'PARALLEL OK',
    ],
    sharedFiles: [],
    sharedInfrastructure: [],
    order: null,
    dependency: false,
  };
}

/**
 * Pairs (i < j, as i·n + j) that may be anything but PARALLEL OK. Over-approximates, never misses:
 * literal paths overlap only when one is equal to or an ancestor of the other, so each path looks
 * up itself and its ancestors; a phase naming a glob is related to every phase naming a path.
 */
function relatedPairs(phases: readonly PhaseFacts[], patterns: ReturnType<typeof infraPatterns>): Set<number> {
  const n = phases.length;
  const out = new Set<number>();
  const add = (i: number, j: number): void => {
    if (i !== j) out.add(i < j ? i * n + j : j * n + i);
  };
  const position = new Map(phases.map((p, i) => [p.phase, i]));
  const byPath = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const globbing: number[] = [];
  const naming: number[] = [];
  const entries = phases.map((p) => [...new Set([...touchedOnce(p), ...p.inputs].map(normalizePath).filter((e) => e !== ''))]);
  entries.forEach((list, i) => {
    if (list.length > 0) naming.push(i);
    if (list.some(isGlob)) globbing.push(i);
    for (const e of list) if (!isGlob(e)) byPath.set(e, [...(byPath.get(e) ?? []), i]);
    const p = phases[i];
    if (p) for (const c of new Set(touchedOnce(p).flatMap((f) => classifyInfrastructure(f, patterns)))) byCategory.set(c, [...(byCategory.get(c) ?? []), i]);
  });
  phases.forEach((p, i) => {
    for (const dep of p.dependsOn) {
      const j = position.get(dep);
      if (j !== undefined) add(i, j);
    }
    for (const e of entries[i] ?? []) {
      if (isGlob(e)) continue;
      const segments = e.split('/');
      for (let k = 1; k <= segments.length; k += 1) for (const j of byPath.get(segments.slice(0, k).join('/')) ?? []) add(i, j);
    }
  });
  for (const g of globbing) for (const j of naming) add(g, j);
  for (const members of byCategory.values()) for (let x = 0; x < members.length; x += 1) for (let y = x + 1; y < members.length; y += 1) add(members[x] ?? 0, members[y] ?? 0);
  return out;
}

/** Finds the decision for two phases whichever way round it was recorded (O(1): see DecisionIndex). */
export function findDecision(decisions: Decisions, x: string, y: string): PairDecision | undefined {
  return decisionIndex(decisions).get(x, y);
}

/** Does `first` have to finish before `second` according to this decision? */
export function mustPrecede(d: PairDecision, first: string, second: string): boolean {
  if (d.order === 'a-before-b') return d.a === first && d.b === second;
  if (d.order === 'b-before-a') return d.b === first && d.a === second;
  return false;
}
