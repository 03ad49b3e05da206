import type { ConflictCell, ConflictMatrix } from '../../../shared/domain/merge';
import { branchRef } from '../git/branchRef';
import { mergeTrees } from '../git/mergeTree';
import { resolveCommit, treeOf } from '../git/revParse';
import { mapLimit } from './mapLimit';
import { BASE_CELL_NAME } from './matrixLookup';

export { naiveConflictCheck } from './naiveConflictCheck';

export { BASE_CELL_NAME as BASE_CELL, cellBetween as findCell } from './matrixLookup';

export interface ConflictMatrixOptions {
  /** Merges in flight at once (default 2: the app shares the machine with the sessions). */
  concurrency?: number;
  /** A previous matrix: cells whose two heads are unchanged are reused instead of recomputed. */
  previous?: ConflictMatrix | null;
}

/** Every (a, b) pair to compute: each branch vs the base, then each unordered pair of branches. */
export function matrixPairs(branches: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = branches.map((b) => [BASE_CELL_NAME, b]);
  for (let i = 0; i < branches.length; i++) {
    for (let j = i + 1; j < branches.length; j++) pairs.push([branches[i] as string, branches[j] as string]);
  }
  return pairs;
}

/**
 * Predicts, for every completed branch, whether it merges cleanly into `base` and into each other,
 * with `git merge-tree --write-tree` (objects only: no working tree, index or ref is touched).
 */
export async function computeConflictMatrix(
  repoDir: string,
  base: string,
  branches: readonly string[],
  options: ConflictMatrixOptions = {},
): Promise<ConflictMatrix> {
  const started = performance.now();
  const baseHead = await resolveCommit(repoDir, branchRef(base));
  if (!baseHead) throw new Error(`base branch '${base}' does not exist`);
  const baseTree = await treeOf(repoDir, baseHead);
  const heads: Record<string, string | null> = {};
  for (const b of branches) heads[b] = await resolveCommit(repoDir, branchRef(b));
  const shaOf = (name: string): string | null => (name === BASE_CELL_NAME ? baseHead : (heads[name] ?? null));
  const previous = options.previous && options.previous.base === base ? options.previous : null;

  const cells = await mapLimit(matrixPairs(branches), options.concurrency ?? 2, async ([a, b]): Promise<ConflictCell> => {
    const aSha = shaOf(a);
    const bSha = shaOf(b);
    const cell: ConflictCell = { a, b, aSha, bSha, conflicts: false, files: [], mergedTree: null, error: null };
    if (!aSha || !bSha) return { ...cell, error: `branch '${!aSha ? a : b}' does not exist` };
    const reused = previous?.cells.find((c) => c.a === a && c.b === b && c.aSha === aSha && c.bSha === bSha && !c.error);
    if (reused) return reused;
    const result = await mergeTrees(repoDir, aSha, bSha);
    if (!result.ok) return { ...cell, error: result.error };
    return { ...cell, conflicts: result.conflicts, files: result.files, mergedTree: result.tree };
  });

  return {
    base,
    baseHead,
    baseTree,
    branchHeads: heads,
    computedAt: new Date().toISOString(),
    cells,
    durationMs: Math.round(performance.now() - started),
  };
}
