import { rm } from 'node:fs/promises';
import { createTempRepo } from '../testing/tempRepo';
import { fastImport } from '../git/fastImport';
import { computeConflictMatrix, matrixPairs } from './conflictMatrix';
import { naiveConflictCheck } from './naiveConflictCheck';

export interface ConflictMatrixBenchOptions {
  files?: number;
  branches?: number;
  /**
   * How many pairs to run the naive way (default 3: each checks out all files into a temporary
   * worktree, ~15 s per pair at 20,000 files on a slow disk); the total for all pairs is extrapolated.
   */
  naivePairs?: number;
  concurrency?: number;
}

export interface ConflictMatrixBenchResult {
  files: number;
  branches: number;
  merges: number;
  conflictingCells: number;
  setupMs: number;
  matrixMs: number;
  naivePairsRun: number;
  naiveMs: number;
  naiveMsPerPair: number;
  naiveMsExtrapolated: number;
  speedup: number;
  agree: boolean;
  targetMs: number;
  withinTarget: boolean;
}

const COMMITTER = 'Switchyard Bench <bench@switchyard.invalid> 1700000000 +0000';

function fileContent(i: number, tag = ''): string {
  return `file ${i}\n${'line\n'.repeat(8)}${tag}`;
}

/** A fast-import stream: main with `files` files in 100-file folders; each branch edits a few files. */
function buildStream(files: number, branches: number): string {
  const out: string[] = [];
  const path = (i: number) => `dir${String(Math.floor(i / 100)).padStart(4, '0')}/f${i}.txt`;
  const blob = (data: string) => `data ${Buffer.byteLength(data)}\n${data}`;
  out.push('commit refs/heads/main', 'mark :1', `committer ${COMMITTER}`, blob('initial'));
  for (let i = 0; i < files; i++) out.push(`M 100644 inline ${path(i)}`, blob(fileContent(i)));
  out.push('');
  for (let b = 0; b < branches; b++) {
    out.push(`commit refs/heads/bench/b${b}`, `committer ${COMMITTER}`, blob(`branch ${b}`), 'from :1');
    // Own files (never conflict) spread over the tree.
    for (let k = 0; k < 5; k++) {
      const i = (b * 997 + k * 3001) % files;
      out.push(`M 100644 inline ${path(i)}`, blob(fileContent(i, `edited by b${b}\n`)));
    }
    // Pairs (0,1), (2,3), (4,5) edit the same shared file differently: 3 conflicting pairs.
    if (b < 6) {
      const shared = files - 1 - Math.floor(b / 2);
      out.push(`M 100644 inline ${path(shared)}`, blob(fileContent(shared, `shared edit by b${b}\n`)));
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * Builds a repo with `files` files and `branches` branches (some pairs conflicting), then times the
 * full conflict matrix (each branch vs base + each pair: 55 merges for 10 branches) against the
 * naive way (temporary worktree + `git merge --no-commit` + abort), and checks they agree.
 */
export async function runConflictMatrixBench(options: ConflictMatrixBenchOptions = {}): Promise<ConflictMatrixBenchResult> {
  const files = options.files ?? 20_000;
  const count = options.branches ?? 10;
  const setupStart = performance.now();
  const repo = await createTempRepo();
  try {
    await fastImport(repo.dir, buildStream(files, count));
    await repo.git('reset', '-q', '--hard', 'main');
    const branches = Array.from({ length: count }, (_, b) => `bench/b${b}`);
    const setupMs = performance.now() - setupStart;

    const t0 = performance.now();
    const matrix = await computeConflictMatrix(repo.dir, 'main', branches, { concurrency: options.concurrency ?? 2 });
    const matrixMs = performance.now() - t0;

    const pairs = matrixPairs(branches);
    const sample = pairs.slice(0, Math.min(pairs.length, options.naivePairs ?? 3));
    let agree = true;
    const t1 = performance.now();
    for (const [a, b] of sample) {
      const real = await naiveConflictCheck(repo.dir, a === 'base' ? 'main' : a, b);
      const predicted = matrix.cells.find((c) => c.a === a && c.b === b);
      if (!predicted || predicted.conflicts !== real.conflicts || [...predicted.files].sort().join() !== [...real.files].sort().join()) agree = false;
    }
    const naiveMs = performance.now() - t1;
    const perPair = sample.length ? naiveMs / sample.length : 0;
    return {
      files,
      branches: count,
      merges: pairs.length,
      conflictingCells: matrix.cells.filter((c) => c.conflicts).length,
      setupMs: Math.round(setupMs),
      matrixMs: Math.round(matrixMs),
      naivePairsRun: sample.length,
      naiveMs: Math.round(naiveMs),
      naiveMsPerPair: Math.round(perPair),
      naiveMsExtrapolated: Math.round(perPair * pairs.length),
      speedup: matrixMs > 0 ? Math.round(((perPair * pairs.length) / matrixMs) * 10) / 10 : 0,
      agree,
      targetMs: 3000,
      withinTarget: matrixMs < 3000,
    };
  } finally {
    await rm(repo.dir, { recursive: true, force: true });
  }
}
