import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSysctl } from './lib/proc';
import { fitLinear, round, type LinearFit } from './lib/stats';
import { runCoreScenarios, type CoreResult } from './scenarios/coreScenarios';
import { runDispatchScenario, type DispatchScaleRun } from './scenarios/dispatchScenario';
import { runFuzzScenario } from './scenarios/fuzzScenario';
import { runLaunchScenario, type LaunchResult } from './scenarios/launchScenario';
import { runLinearScenario, runMatrixScenario, type MatrixResult } from './scenarios/mergeAndLinear';
import { runRendererScenario, type RendererResult } from './scenarios/rendererScenario';
import { runReviewScenario, type ReviewResult } from './scenarios/reviewScenario';
import { runTranscriptScenario, type TranscriptResult } from './scenarios/transcriptScenario';
import { generateWorld, type WorldScale } from './world/generateWorld';
import type { LinearPollBenchResult } from '../electron/core/linear/pollBench';

const SCENARIOS = ['latency', 'idle-cpu', 'memory', 'watches', 'startup', 'transcript', 'matrix', 'renderer', 'linear', 'dispatch', 'launch', 'review', 'fuzz', 'scaling'] as const;
type Scenario = (typeof SCENARIOS)[number];
const CORE: readonly Scenario[] = ['latency', 'idle-cpu', 'memory', 'watches', 'startup'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'idle-seconds': { type: 'string' },
    'cpu-prof': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run bench -- [options]
  --quick             small world and short windows (a smoke run, minutes)
  --only a,b          run only these: ${SCENARIOS.join(', ')} (the five core ones share one world and run together)
  --runs N            repetitions (default 3, quick 1; launch and review: default 5, quick 2); medians are reported
  --idle-seconds N    idle CPU window (default 60, quick 10)
  --cpu-prof DIR      write a V8 CPU profile of each serve-mode child into DIR
  --fresh             regenerate cached worlds (/tmp/switchyard-bench-worlds)`);
  process.exit(0);
}

const quick = values.quick ?? false;
const runs = Number(values.runs ?? (quick ? 1 : 3));
// Launch and review are a fresh demo workspace and a browser per run, cheap enough for more samples.
const pageRuns = Number(values.runs ?? (quick ? 2 : 5));
const idleSeconds = Number(values['idle-seconds'] ?? (quick ? 10 : 60));
const selected = new Set<Scenario>(
  values.only
    ? values.only.split(',').map((s) => {
        const name = s.trim() as Scenario;
        if (!SCENARIOS.includes(name)) throw new Error(`unknown scenario "${s}"; one of ${SCENARIOS.join(', ')}`);
        return name;
      })
    : SCENARIOS.filter((s) => s !== 'scaling'),
);
const log = (line: string): void => console.log(line);
const MB = 1024 * 1024;

const FULL: WorldScale = { repos: 3, worktreesPerRepo: 10, filesPerWorktree: 20_000, transcripts: 30, transcriptBytes: 20 * MB, liveSessionFiles: 10 };
const QUICK: WorldScale = { repos: 2, worktreesPerRepo: 3, filesPerWorktree: 2_000, transcripts: 6, transcriptBytes: 2 * MB, liveSessionFiles: 3 };
const scale = quick ? QUICK : FULL;

interface Row {
  scenario: string;
  switchyard: string;
  naive: string;
  ratio: string;
  target: string;
  pass: boolean | null;
}

interface Results {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; inotifyMaxUserWatches: number | null; inotifyMaxUserInstances: number | null };
  options: { quick: boolean; runs: number; idleSeconds: number; scale: WorldScale };
  core?: CoreResult;
  transcript?: TranscriptResult;
  matrix?: MatrixResult;
  renderer?: RendererResult;
  linear?: LinearPollBenchResult;
  dispatch?: DispatchScaleRun[];
  launch?: LaunchResult;
  review?: ReviewResult;
  scaling?: ScalingResult;
  rows: Row[];
}

interface ScalePoint {
  x: number;
  startToRegistryMs: number;
  rssMb: number;
  watches: number;
  idleCpuPercent: number;
  latencyMedianMs: number;
  naiveIdleCpuPercent: number;
  naiveLatencyMedianMs: number;
}

interface ScalingResult {
  worktrees: { points: ScalePoint[]; fits: Record<string, LinearFit> };
  files: { points: ScalePoint[]; fits: Record<string, LinearFit> };
  transcript: { points: Array<{ mb: number; firstAnswerMs: number; fullScanMs: number; naiveFullParseMs: number }>; fits: Record<string, LinearFit> };
  sessions: { points: Array<{ sessions: number; frameP99Ms: number; frameMaxMs: number; longTaskMaxMs: number }>; fits: Record<string, LinearFit> };
}

const ms = (x: number): string => (x >= 10_000 ? `${round(x / 1000, 1)} s` : `${Math.round(x)} ms`);
const ratio = (naive: number, ours: number): string => (ours > 0 && Number.isFinite(naive / ours) ? `${round(naive / ours, 1)}×` : '—');

function fitsOf<T>(points: readonly T[], x: (p: T) => number, keys: ReadonlyArray<keyof T & string>): Record<string, LinearFit> {
  const out: Record<string, LinearFit> = {};
  for (const k of keys) {
    const fit = fitLinear(points.map((p) => [x(p), Number(p[k])] as const));
    out[k] = { intercept: round(fit.intercept, 3), slope: round(fit.slope, 5), r2: round(fit.r2, 3) };
  }
  return out;
}

async function runScaling(): Promise<ScalingResult> {
  const corePoint = async (s: WorldScale, x: number): Promise<ScalePoint> => {
    const world = await generateWorld(s, { log });
    const r = await runCoreScenarios(world, { runs: 1, idleSeconds: quick ? 5 : 20, probesPerRun: quick ? 3 : 8, cpuProfDir: null, log });
    return {
      x,
      startToRegistryMs: r.summary.startToRegistryMs,
      rssMb: r.summary.rssMb,
      watches: r.summary.watches,
      idleCpuPercent: r.summary.idleCpuPercent,
      latencyMedianMs: r.summary.latencyMedianMs,
      naiveIdleCpuPercent: r.summary.naiveIdleCpuPercent,
      naiveLatencyMedianMs: r.summary.naiveLatencyMedianMs,
    };
  };
  const keys = ['startToRegistryMs', 'rssMb', 'watches', 'idleCpuPercent', 'latencyMedianMs', 'naiveIdleCpuPercent', 'naiveLatencyMedianMs'] as const;
  const base: WorldScale = { repos: 3, worktreesPerRepo: 2, filesPerWorktree: 2_000, transcripts: 0, transcriptBytes: 0, liveSessionFiles: 0 };
  const wts: ScalePoint[] = [];
  for (const per of quick ? [1, 2, 3] : [2, 5, 10]) {
    log(`  scaling: ${3 * per} worktrees × 2,000 files`);
    wts.push(await corePoint({ ...base, worktreesPerRepo: per }, 3 * per));
  }
  const files: ScalePoint[] = [];
  for (const f of quick ? [1_000, 2_000, 4_000] : [2_000, 10_000, 20_000]) {
    log(`  scaling: 9 worktrees × ${f} files`);
    files.push(await corePoint({ ...base, worktreesPerRepo: 3, filesPerWorktree: f }, f));
  }
  const tpoints: ScalingResult['transcript']['points'] = [];
  for (const mb of quick ? [5, 10, 20] : [20, 100, 200]) {
    log(`  scaling: transcript of ${mb} MB`);
    const t = await runTranscriptScenario({ bytes: mb * MB, runs: 1, log });
    tpoints.push({ mb, firstAnswerMs: t.summary.firstAnswerMs, fullScanMs: t.summary.fullScanMs, naiveFullParseMs: t.summary.naiveFullParseMs });
  }
  const spoints: ScalingResult['sessions']['points'] = [];
  for (const n of [50, 100, 200]) {
    log(`  scaling: renderer with ${n} sessions, 50 patches/s`);
    const r = await runRendererScenario({ sessions: n, patchesPerSecond: 50, seconds: quick ? 5 : 10, runs: 1, log });
    spoints.push({ sessions: n, frameP99Ms: r.summary.frameP99Ms, frameMaxMs: r.summary.frameMaxMs, longTaskMaxMs: r.summary.longTaskMaxMs });
  }
  return {
    worktrees: { points: wts, fits: fitsOf(wts, (p) => p.x, keys) },
    files: { points: files, fits: fitsOf(files, (p) => p.x, keys) },
    transcript: { points: tpoints, fits: fitsOf(tpoints, (p) => p.mb, ['firstAnswerMs', 'fullScanMs', 'naiveFullParseMs']) },
    sessions: { points: spoints, fits: fitsOf(spoints, (p) => p.sessions, ['frameP99Ms', 'frameMaxMs', 'longTaskMaxMs']) },
  };
}

function coreRows(core: CoreResult): Row[] {
  const s = core.summary;
  const w = core.world;
  const naiveCpu = s.naiveIdleCpuPercent;
  return [
    {
      scenario: `1. file written in a worktree → visible in the UI (median / p95), ${w.worktrees} worktrees`,
      switchyard: `${ms(s.latencyMedianMs)} / ${ms(s.latencyP95Ms)} (max ${ms(s.latencyMaxMs)}, ${core.runs.reduce((n, r) => n + r.probeMs.length, 0)} writes)`,
      naive: `${ms(s.naiveLatencyMedianMs)} / ${ms(s.naiveLatencyP95Ms)} (git status of every checkout every 500 ms)`,
      ratio: ratio(s.naiveLatencyMedianMs, s.latencyMedianMs),
      target: 'median ≤ 300 ms, p95 ≤ 1 s',
      pass: s.latencyMedianMs <= 300 && s.latencyP95Ms <= 1000 && core.runs.every((r) => r.probeTimeouts === 0),
    },
    {
      scenario: `2. idle CPU over ${idleSeconds} s, ${w.worktrees} worktrees × ${w.filesPerCheckout.toLocaleString('en')} files (incl. git children)`,
      switchyard: `${round(s.idleCpuPercent, 2)}% of a core`,
      naive: `${round(naiveCpu, 1)}% of a core (same polling)`,
      ratio: ratio(naiveCpu, s.idleCpuPercent),
      target: '≤ 1% of a core, ≥ 10× below naive',
      pass: s.idleCpuPercent <= 1 && naiveCpu >= 10 * s.idleCpuPercent,
    },
    {
      scenario: `3. core memory (RSS, settled / peak), ${w.worktrees} worktrees, ${w.transcripts} transcripts of ${w.transcriptMb} MB`,
      switchyard: `${Math.round(s.rssMb)} MB / ${Math.round(s.peakRssMb)} MB`,
      naive: '—',
      ratio: '—',
      target: '≤ 250 MB',
      pass: s.rssMb <= 250,
    },
    {
      scenario: '4. inotify watches held (watches inside node_modules / .git/objects)',
      switchyard: `${s.watches.toLocaleString('en')} (${s.watchesInIgnored} inside)`,
      naive: `${core.naiveWatchCount.toLocaleString('en')} (every file and folder of every checkout)`,
      ratio: ratio(core.naiveWatchCount, s.watches),
      target: 'no descent into node_modules, .git/objects, build dirs',
      pass: s.watchesInIgnored === 0 && s.watches > 0,
    },
    {
      scenario: `5. start → first full registry (${w.checkouts} records with git facts)`,
      switchyard: `${ms(s.startToRegistryMs)}${s.transcriptsSettledMs !== null ? ` (transcript totals settled at ${ms(s.transcriptsSettledMs)})` : ''}`,
      naive: '—',
      ratio: '—',
      target: '≤ 2 s',
      pass: s.startToRegistryMs <= 2000,
    },
  ];
}

function table(rows: readonly Row[]): string {
  const head = '| scenario | Switchyard | naive way, same run | ratio | target | pass |\n|---|---|---|---|---|---|';
  const body = rows.map((r) => `| ${r.scenario} | ${r.switchyard} | ${r.naive} | ${r.ratio} | ${r.target} | ${r.pass === null ? '—' : r.pass ? 'pass' : '**FAIL**'} |`);
  return [head, ...body].join('\n');
}

function scalingMarkdown(s: ScalingResult): string {
  const fit = (f: LinearFit | undefined, unit: string, per: string): string => (f ? `${round(f.intercept, 1)} ${unit} + ${f.slope} ${unit}/${per} (R² ${f.r2})` : '—');
  const lines: string[] = ['### Scaling (one run per point)', ''];
  lines.push('| worktrees (2,000 files each) | start → registry | RSS | inotify watches | idle CPU | write → UI | naive idle CPU | naive write → noticed |', '|---|---|---|---|---|---|---|---|');
  for (const p of s.worktrees.points) lines.push(`| ${p.x} | ${ms(p.startToRegistryMs)} | ${Math.round(p.rssMb)} MB | ${p.watches} | ${p.idleCpuPercent}% | ${ms(p.latencyMedianMs)} | ${p.naiveIdleCpuPercent}% | ${ms(p.naiveLatencyMedianMs)} |`);
  lines.push('', '| files per worktree (9 worktrees) | start → registry | RSS | inotify watches | idle CPU | write → UI | naive idle CPU | naive write → noticed |', '|---|---|---|---|---|---|---|---|');
  for (const p of s.files.points) lines.push(`| ${p.x} | ${ms(p.startToRegistryMs)} | ${Math.round(p.rssMb)} MB | ${p.watches} | ${p.idleCpuPercent}% | ${ms(p.latencyMedianMs)} | ${p.naiveIdleCpuPercent}% | ${ms(p.naiveLatencyMedianMs)} |`);
  lines.push('', '| transcript | first answer (tail) | full count (background) | naive full parse |', '|---|---|---|---|');
  for (const p of s.transcript.points) lines.push(`| ${p.mb} MB | ${ms(p.firstAnswerMs)} | ${ms(p.fullScanMs)} | ${ms(p.naiveFullParseMs)} |`);
  lines.push('', '| sessions in the renderer (50 patches/s) | frame p99 | longest frame | longest task |', '|---|---|---|---|');
  for (const p of s.sessions.points) lines.push(`| ${p.sessions} | ${p.frameP99Ms} ms | ${p.frameMaxMs} ms | ${p.longTaskMaxMs} ms |`);
  lines.push('', 'Fitted (least squares, linear):', '');
  lines.push(`- watches vs worktrees: ${fit(s.worktrees.fits.watches, 'watches', 'worktree')}`);
  lines.push(`- watches vs files per worktree: ${fit(s.files.fits.watches, 'watches', 'file')}`);
  lines.push(`- RSS vs worktrees: ${fit(s.worktrees.fits.rssMb, 'MB', 'worktree')}; vs files: ${fit(s.files.fits.rssMb, 'MB', 'file')}`);
  lines.push(`- start → registry vs worktrees: ${fit(s.worktrees.fits.startToRegistryMs, 'ms', 'worktree')}; vs files: ${fit(s.files.fits.startToRegistryMs, 'ms', 'file')}`);
  lines.push(`- idle CPU vs worktrees: ${fit(s.worktrees.fits.idleCpuPercent, '%', 'worktree')}; naive: ${fit(s.worktrees.fits.naiveIdleCpuPercent, '%', 'worktree')}`);
  lines.push(`- naive idle CPU vs files: ${fit(s.files.fits.naiveIdleCpuPercent, '%', 'file')}`);
  lines.push(`- transcript first answer vs size: ${fit(s.transcript.fits.firstAnswerMs, 'ms', 'MB')}; full count: ${fit(s.transcript.fits.fullScanMs, 'ms', 'MB')}; naive: ${fit(s.transcript.fits.naiveFullParseMs, 'ms', 'MB')}`);
  lines.push(`- renderer frame p99 vs sessions: ${fit(s.sessions.fits.frameP99Ms, 'ms', 'session')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const results: Results = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 1024 ** 3, 1),
      node: process.version,
      inotifyMaxUserWatches: readSysctl('/proc/sys/fs/inotify/max_user_watches'),
      inotifyMaxUserInstances: readSysctl('/proc/sys/fs/inotify/max_user_instances'),
    },
    options: { quick, runs, idleSeconds, scale },
    rows: [],
  };
  log(`Switchyard bench (${quick ? 'quick' : 'full'}; ${runs} run(s); ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, ${process.version})`);

  if (CORE.some((s) => selected.has(s))) {
    log(`\n[1–5] core scenarios on ${scale.repos} repos × ${scale.worktreesPerRepo} worktrees × ${scale.filesPerWorktree} files`);
    const world = await generateWorld(scale, { fresh: values.fresh ?? false, log });
    log(`  world ${world.key} ${world.reused ? '(cached)' : `generated in ${world.generatedMs} ms`}`);
    results.core = await runCoreScenarios(world, { runs, idleSeconds, probesPerRun: quick ? 5 : 20, cpuProfDir: values['cpu-prof'] ?? null, log });
    results.rows.push(...coreRows(results.core).filter((_, i) => selected.has(CORE[i] as Scenario)));
  }
  if (selected.has('transcript')) {
    log('\n[6] tail of a big transcript');
    const t = await runTranscriptScenario({ bytes: (quick ? 20 : 200) * MB, runs, log });
    results.transcript = t;
    const s = t.summary;
    results.rows.push({
      scenario: `6. tail of a ${t.sizeMb} MB transcript: last activity + tokens`,
      switchyard: `first answer ${ms(s.firstAnswerMs)}; full count in background ${ms(s.fullScanMs)}; refresh read ${s.refreshReadBytes.toLocaleString('en')} B of ${s.appendedBytes.toLocaleString('en')} B appended (${s.refreshMs} ms)`,
      naive: `${ms(s.naiveFullParseMs)} per refresh (re-parses ${t.sizeMb} MB)`,
      ratio: ratio(s.naiveFullParseMs, s.firstAnswerMs),
      target: 'first answer ≤ 200 ms; refresh reads only new bytes',
      pass: s.firstAnswerMs <= 200 && s.refreshReadBytes === s.appendedBytes && s.tokensAgree,
    });
  }
  if (selected.has('matrix')) {
    log('\n[7] conflict matrix');
    const m = await runMatrixScenario({ files: quick ? 2_000 : 20_000, branches: 10, naivePairs: quick ? 3 : 6, runs: Math.min(runs, 2), log });
    results.matrix = m;
    const s = m.summary;
    results.rows.push({
      scenario: `7. conflict matrix, ${s.branches} branches (${s.merges} merges), ${s.files.toLocaleString('en')}-file repo`,
      switchyard: `${ms(s.matrixMs)}${s.agree ? '' : ' (DISAGREES with naive)'}`,
      naive: `${ms(s.naiveMsExtrapolated)} (${ms(s.naiveMsPerPair)} per pair × ${s.merges}; ${s.naivePairsRun} pairs run)`,
      ratio: ratio(s.naiveMsExtrapolated, s.matrixMs),
      target: '≤ 3 s',
      pass: s.matrixMs <= 3000 && s.agree,
    });
  }
  if (selected.has('renderer')) {
    log('\n[8] renderer');
    const profile = values['cpu-prof'] ? join(values['cpu-prof'], 'renderer.cpuprofile') : null;
    if (profile) mkdirSync(values['cpu-prof'] ?? '.', { recursive: true });
    const r = await runRendererScenario({ sessions: 200, patchesPerSecond: 50, seconds: quick ? 8 : 30, runs, log, cpuProfilePath: profile });
    results.renderer = r;
    const s = r.summary;
    results.rows.push({
      scenario: `8. renderer: 200 sessions, 50 patches/s for ${quick ? 8 : 30} s`,
      switchyard: `longest frame ${s.frameMaxMs} ms (p99 ${s.frameP99Ms} ms), ${s.framesOver50} frames > 50 ms, ${s.longTasks} long tasks (max ${s.longTaskMaxMs} ms); key → next frame median ${s.inputMedianMs} ms, max ${s.inputMaxMs} ms`,
      naive: '—',
      ratio: '—',
      target: 'no frame over 50 ms; input responsive',
      pass: s.framesOver50 === 0,
    });
  }
  if (selected.has('linear')) {
    log('\n[9] Linear polling');
    const l = await runLinearScenario({ log });
    results.linear = l;
    results.rows.push({
      scenario: `9. Linear: ${l.plans} plans × ${l.childrenPerPlan} sub-issues, ${l.simulatedHours} h simulated`,
      switchyard: `≤ ${l.maxRequestsPerPlanPerInterval} request per plan per ${l.intervalMs / 1000} s; ${Math.round(l.requestsPerHour)} requests/h; complexity per poll ${l.complexityPerPoll.mean} (full ${l.complexityPerPoll.fullRefresh}, incremental ${l.complexityPerPoll.incremental})`,
      naive: `${l.naive.requestsPerPlanPerInterval} per plan per interval; ${l.naive.requestsPerHour} requests/h`,
      ratio: ratio(l.naive.requestsPerHour, l.requestsPerHour),
      target: '≤ 1 request per plan per interval',
      pass: l.maxRequestsPerPlanPerInterval <= 1,
    });
  }
  if (selected.has('dispatch')) {
    log('\n[10] big master plans through the Dispatch view');
    results.dispatch = runDispatchScenario(quick ? [300, 1_000] : [300, 1_000, 10_000], log);
    for (const r of results.dispatch) {
      results.rows.push({
        scenario: `10. dispatch: ${r.phases.toLocaleString('en')}-phase plan (${r.planKb.toLocaleString('en')} KB) → basis + evaluate`,
        switchyard: `basis ${ms(r.basisMs)}, evaluate ${ms(r.evaluateMs)}, edit ${ms(r.editMs)} (parse ${ms(r.parseMs)}); ${r.decisionsKept} decisions kept, ${r.parallelOkOmitted.toLocaleString('en')} PARALLEL OK counted, ${r.phasesOmitted.toLocaleString('en')} phases over the cap`,
        naive: '—',
        ratio: '—',
        target: 'basis + evaluate ≤ 1 s, edit ≤ 300 ms',
        pass: r.basisMs + r.evaluateMs <= 1000 && r.editMs <= 300,
      });
    }
  }
  if (selected.has('launch')) {
    log(`\n[11] launch: click → the session's row shows Working (stand-in claude, fresh demo workspace per run, ${pageRuns} runs)`);
    const l = await runLaunchScenario({ runs: pageRuns, log });
    results.launch = l;
    const s = l.summary;
    const core = s.coreRegistryRowMedianMs !== null ? `; core: worktree ${ms(s.coreWorktreeMedianMs ?? NaN)}, claude started ${ms(s.coreClaudeStartedMedianMs ?? NaN)}, registry row ${ms(s.coreRegistryRowMedianMs)}; claude started → row Working ${ms(s.afterClaudeStartedMedianMs ?? NaN)}` : '';
    results.rows.push({
      scenario: `11. launch: click → the session's row in Sessions shows Working (stand-in claude, median / min / max of ${l.runs.length})`,
      switchyard: `${ms(s.medianMs)} / ${ms(s.minMs)} / ${ms(s.maxMs)} (Dispatch row shows Running at ${ms(s.launchedMedianMs)}${core}; load average ${l.loadAverage})`,
      naive: '—',
      ratio: '—',
      target: 'median ≤ 1 s',
      pass: s.medianMs <= 1000,
    });
  }
  if (selected.has('review')) {
    log(`\n[12] diff review of a 5,000-line change (fresh demo workspace per run, ${pageRuns} runs)`);
    const r = await runReviewScenario({ runs: pageRuns, log });
    results.review = r;
    const s = r.summary;
    results.rows.push({
      scenario: `12. review: a ${r.lines.toLocaleString('en')}-line diff opens (click → first rows painted; median of ${r.runs.length}, reopen median of ${r.runs.reduce((n, x) => n + x.reopenMs.length, 0)})`,
      switchyard: `first open ${ms(s.firstOpenMedianMs)} (min ${ms(s.firstOpenMinMs)}, max ${ms(s.firstOpenMaxMs)}; core ${ms(s.coreMedianMs)}, the page's own part ${ms(s.firstPageMedianMs)}); reopen ${ms(s.reopenMedianMs)} (max ${ms(s.reopenMaxMs)}, page ${ms(s.reopenPageMedianMs)}); load average ${r.loadAverage}`,
      naive: '—',
      ratio: '—',
      target: 'first open and reopen ≤ 300 ms',
      pass: s.firstOpenMedianMs <= 300 && s.reopenMedianMs <= 300,
    });
  }
  if (selected.has('fuzz')) {
    const fuzzRuns = quick ? 1_000 : 5_000;
    log(`\n[13] fuzzing, long: contract payloads, transcript lines, session files, plan text and approval write-back`);
    const f = runFuzzScenario(fuzzRuns, log);
    results.rows.push({
      scenario: `13. fuzz: ${f.suites} suites × ${fuzzRuns.toLocaleString('en')} cases (CI runs 300)`,
      switchyard: `${f.passed ? '0 crashes, no call over 50 ms' : 'FAILED'} in ${f.seconds.toFixed(0)} s (${f.summary})`,
      naive: '—',
      ratio: '—',
      target: '0 crashes; no input blocks the event loop > 50 ms',
      pass: f.passed,
    });
  }
  if (selected.has('scaling')) {
    log('\n[scaling] 3 scales each of worktrees, files, transcript size, sessions');
    results.scaling = await runScaling();
  }

  const machine = `${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGiB} GiB, Node ${results.machine.node}, inotify max_user_watches ${results.machine.inotifyMaxUserWatches ?? '?'}`;
  const md = [
    `## Results (${results.at}, ${quick ? 'quick' : 'full scale'}, ${runs} run(s), medians)`,
    '',
    `Machine: ${machine}. Shared with other work: numbers are noisy.`,
    '',
    results.rows.length ? table(results.rows) : '(no table scenarios selected)',
    results.scaling ? `\n${scalingMarkdown(results.scaling)}` : '',
  ].join('\n');
  console.log(`\n${md}`);
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = results.at.replace(/[:.]/g, '-');
  writeFileSync(join(dir, 'latest.md'), `${md}\n`);
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2));
  writeFileSync(join(dir, `${stamp}${quick ? '-quick' : ''}.json`), JSON.stringify(results, null, 2));
  log(`\nwrote bench/results/latest.md and latest.json`);
  process.exit(results.rows.every((r) => r.pass !== false) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
