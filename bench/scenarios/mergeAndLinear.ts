import { runConflictMatrixBench, type ConflictMatrixBenchResult } from '../../electron/core/merge/conflictMatrixBench';
import { runLinearPollBench, type LinearPollBenchResult } from '../../electron/core/linear/pollBench';
import { median, round } from '../lib/stats';

/** Scenario 7: the conflict matrix (git merge-tree, objects only) vs temporary checkout + merge + abort per pair. */
export interface MatrixResult {
  runs: ConflictMatrixBenchResult[];
  summary: { files: number; branches: number; merges: number; matrixMs: number; naiveMsExtrapolated: number; naiveMsPerPair: number; naivePairsRun: number; agree: boolean };
}

export async function runMatrixScenario(options: { files: number; branches: number; naivePairs: number; runs: number; log: (line: string) => void }): Promise<MatrixResult> {
  const runs: ConflictMatrixBenchResult[] = [];
  for (let r = 0; r < options.runs; r++) {
    const result = await runConflictMatrixBench({ files: options.files, branches: options.branches, naivePairs: options.naivePairs });
    runs.push(result);
    options.log(
      `    run ${r + 1}: matrix of ${result.merges} merges in ${result.matrixMs} ms; naive ${result.naiveMsPerPair} ms per pair (${result.naivePairsRun} run) → ${result.naiveMsExtrapolated} ms for all; agree ${result.agree}`,
    );
  }
  const first = runs[0] as ConflictMatrixBenchResult;
  return {
    runs,
    summary: {
      files: first.files,
      branches: first.branches,
      merges: first.merges,
      matrixMs: round(median(runs.map((r) => r.matrixMs))),
      naiveMsExtrapolated: round(median(runs.map((r) => r.naiveMsExtrapolated))),
      naiveMsPerPair: round(median(runs.map((r) => r.naiveMsPerPair))),
      naivePairsRun: runs.reduce((n, r) => n + r.naivePairsRun, 0),
      agree: runs.every((r) => r.agree),
    },
  };
}

/** Scenario 9: Linear polling of 5 plans × 30 sub-issues over a simulated hour (real SDK, local server). */
export async function runLinearScenario(options: { log: (line: string) => void }): Promise<LinearPollBenchResult> {
  const result = await runLinearPollBench({ plans: 5, children: 30, simulatedHours: 1 });
  options.log(
    `    ${result.requests} requests in a simulated hour (${result.pollsPerPlanPerHour} polls per plan), at most ${result.maxRequestsPerPlanPerInterval} per plan per ${result.intervalMs / 1000} s; naive ${result.naive.requestsPerHour}/h`,
  );
  return result;
}
