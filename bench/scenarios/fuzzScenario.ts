import { spawnSync } from 'node:child_process';

/** The fuzz and property suites that CI runs short, run long here (issue "Hardening": 0 crashes, nothing blocking > 50 ms). */
export const FUZZ_SUITES = [
  'electron/core/app/contractFuzz.test.ts',
  'electron/core/sessions/claude/parsers.fuzz.test.ts',
  'electron/core/plans/planWriter.property.test.ts',
  'electron/core/plans/service/approvalWrite.property.test.ts',
];

export interface FuzzRun {
  runs: number;
  suites: number;
  passed: boolean;
  seconds: number;
  /** vitest's closing lines, for the report. */
  summary: string;
}

/** Runs the suites once with `runs` cases each (SWITCHYARD_FUZZ_RUNS / SWITCHYARD_PROP_RUNS). */
export function runFuzzScenario(runs: number, log: (line: string) => void): FuzzRun {
  const started = Date.now();
  log(`fuzz: ${FUZZ_SUITES.length} suites × ${runs} cases each`);
  const child = spawnSync('npx', ['vitest', 'run', ...FUZZ_SUITES], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SWITCHYARD_FUZZ_RUNS: String(runs), SWITCHYARD_PROP_RUNS: String(Math.max(60, Math.round(runs / 10))), PLAN_PROPERTY_RUNS: String(Math.max(100, Math.round(runs / 5))) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  const summary = out.split('\n').filter((l) => /Test Files|Tests /.test(l)).map((l) => l.trim()).join('; ');
  return { runs, suites: FUZZ_SUITES.length, passed: child.status === 0, seconds: (Date.now() - started) / 1000, summary };
}
