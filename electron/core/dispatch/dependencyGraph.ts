import type { PairDecision, PhaseFacts } from '../../../shared/domain/dispatch';

/**
 * The "B waits for A" graph: an edge writer → reader for every pair the decision tree made
 * SEQUENTIAL because one reads the other's output. Conflict-only SEQUENTIAL pairs (same files, shared
 * infrastructure) are not edges: they only forbid sharing a batch, either order will do.
 */
export interface DependencyGraph {
  /** Phase ids in plan order. */
  nodes: string[];
  preds: Map<string, Set<string>>;
  succs: Map<string, Set<string>>;
}

export function dependencyGraph(phases: readonly PhaseFacts[], decisions: readonly PairDecision[]): DependencyGraph {
  const nodes = phases.map((p) => p.phase);
  const preds = new Map<string, Set<string>>(nodes.map((n) => [n, new Set<string>()]));
  const succs = new Map<string, Set<string>>(nodes.map((n) => [n, new Set<string>()]));
  const add = (from: string, to: string): void => {
    if (!preds.has(from) || !preds.has(to) || from === to) return;
    succs.get(from)?.add(to);
    preds.get(to)?.add(from);
  };
  for (const d of decisions) {
    if (!d.dependency) continue;
    if (d.order === 'a-before-b') add(d.a, d.b);
    else if (d.order === 'b-before-a') add(d.b, d.a);
    else {
      add(d.a, d.b);
      add(d.b, d.a);
    }
  }
  // A self-dependency is a cycle of one; keep it visible.
  for (const p of phases) if (p.dependsOn.includes(p.phase)) {
    succs.get(p.phase)?.add(p.phase);
    preds.get(p.phase)?.add(p.phase);
  }
  return { nodes, preds, succs };
}

/** Strongly connected components (Tarjan), each in plan order. */
function components(g: DependencyGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of g.succs.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      for (;;) {
        const w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        comp.push(w);
        if (w === v) break;
      }
      out.push(comp);
    }
  };
  for (const n of g.nodes) if (!index.has(n)) visit(n);
  const pos = new Map(g.nodes.map((n, i) => [n, i]));
  return out.map((c) => c.sort((x, y) => (pos.get(x) ?? 0) - (pos.get(y) ?? 0)));
}

/** One concrete loop per cyclic component, e.g. [`1A`, `1B`, `1A`]. */
export function findCycles(g: DependencyGraph): string[][] {
  const cycles: string[][] = [];
  for (const comp of components(g)) {
    const start = comp[0];
    if (start === undefined) continue;
    if (comp.length === 1) {
      if (g.succs.get(start)?.has(start)) cycles.push([start, start]);
      continue;
    }
    const inComp = new Set(comp);
    // BFS from start back to start inside the component.
    const prev = new Map<string, string>();
    const queue: string[] = [start];
    let closing: string | undefined;
    while (queue.length > 0 && closing === undefined) {
      const v = queue.shift() as string;
      for (const w of g.succs.get(v) ?? []) {
        if (!inComp.has(w)) continue;
        if (w === start) {
          closing = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const loop: string[] = [start];
    for (let v = closing; v !== undefined && v !== start; v = prev.get(v)) loop.splice(1, 0, v);
    loop.push(start);
    cycles.push(loop);
  }
  return cycles;
}

/**
 * The graph with every cycle broken (edges that go backwards in plan order inside a cycle are
 * dropped), so batching can go on while the cycle is reported.
 */
export function acyclic(g: DependencyGraph): DependencyGraph {
  const pos = new Map(g.nodes.map((n, i) => [n, i]));
  const compOf = new Map<string, number>();
  components(g).forEach((c, i) => c.forEach((n) => compOf.set(n, i)));
  const preds = new Map<string, Set<string>>(g.nodes.map((n) => [n, new Set<string>()]));
  const succs = new Map<string, Set<string>>(g.nodes.map((n) => [n, new Set<string>()]));
  for (const [from, tos] of g.succs) {
    for (const to of tos) {
      const sameComp = compOf.get(from) === compOf.get(to);
      if (from === to || (sameComp && (pos.get(from) ?? 0) > (pos.get(to) ?? 0))) continue;
      succs.get(from)?.add(to);
      preds.get(to)?.add(from);
    }
  }
  return { nodes: g.nodes, preds, succs };
}
