import { spawn, type ChildProcess } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AppState } from '../../shared/state/appState';
import { cpuTimes, inotifyWatches, memoryMb, openFds } from '../lib/proc';
import { StateMirror, startServe, type ServeChild } from '../lib/serveChild';
import { median, p95, max, round, sleep } from '../lib/stats';
import { trackedPath, type World } from '../world/generateWorld';

/**
 * Scenarios 1–5 on one world, each run the real serve mode as a child process (what a person runs),
 * then the naive way (a `git status` poller child) on the same world, one after the other so neither
 * disturbs the other's numbers.
 */

export interface CoreRunOptions {
  runs: number;
  idleSeconds: number;
  probesPerRun: number;
  cpuProfDir: string | null;
  log: (line: string) => void;
}

export interface CoreRun {
  startToRegistryMs: number;
  startToReadyMs: number;
  transcriptsSettledMs: number | null;
  settleMs: number;
  rssMb: number;
  peakRssMb: number;
  inotifyWatches: number;
  watchesInIgnored: number;
  fds: number;
  idleCpuPercent: number;
  idleCpuSelfPercent: number;
  probeMs: number[];
  probeTimeouts: number;
  childErrors: string;
}

export interface NaiveRun {
  idleCpuPercent: number;
  probeMs: number[];
  probeTimeouts: number;
  firstRoundMs: number;
}

export interface CoreResult {
  world: { key: string; worktrees: number; checkouts: number; filesPerCheckout: number; transcripts: number; transcriptMb: number };
  runs: CoreRun[];
  naive: NaiveRun[];
  naiveWatchCount: number;
  ignoredEntries: number;
  summary: {
    latencyMedianMs: number;
    latencyP95Ms: number;
    latencyMaxMs: number;
    naiveLatencyMedianMs: number;
    naiveLatencyP95Ms: number;
    idleCpuPercent: number;
    naiveIdleCpuPercent: number;
    rssMb: number;
    peakRssMb: number;
    watches: number;
    watchesInIgnored: number;
    startToRegistryMs: number;
    transcriptsSettledMs: number | null;
  };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROBE_DIR = trackedPath(0).split('/').slice(0, -1).join('/');

/** Removes probe files a crashed run may have left. */
export function cleanProbes(world: World): void {
  for (const w of world.worktrees) {
    const dir = join(w.path, PROBE_DIR);
    try {
      for (const name of readdirSync(dir)) if (name.startsWith('bench-probe-')) rmSync(join(dir, name), { force: true });
    } catch {
      /* no such folder */
    }
  }
}

function cpuSeconds(pid: number): number {
  const t = cpuTimes(pid);
  return t.self + t.children;
}

/** Waits until the child's CPU use stays under `threshold` (share of a core) for `quietSamples` seconds. */
async function waitQuiet(pid: number, maxMs: number, threshold = 0.03, quietSamples = 3): Promise<number> {
  const start = performance.now();
  let quiet = 0;
  let last = cpuSeconds(pid);
  while (performance.now() - start < maxMs) {
    await sleep(1000);
    const now = cpuSeconds(pid);
    quiet = now - last < threshold ? quiet + 1 : 0;
    last = now;
    if (quiet >= quietSamples) break;
  }
  return performance.now() - start;
}

async function measureIdleCpu(pid: number, seconds: number): Promise<{ total: number; self: number }> {
  const a = cpuTimes(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const b = cpuTimes(pid);
  const wall = (performance.now() - t0) / 1000;
  return { total: ((b.self + b.children - a.self - a.children) / wall) * 100, self: ((b.self - a.self) / wall) * 100 };
}

/** Inodes of every entry under node_modules and .git/objects of the world's checkouts. */
function ignoredInodes(world: World): Set<number> {
  const inodes = new Set<number>();
  const walk = (dir: string): void => {
    inodes.add(lstatSync(dir).ino);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else inodes.add(lstatSync(full).ino);
    }
  };
  for (const checkout of [...world.repos, ...world.worktrees.map((w) => w.path)]) walk(join(checkout, 'node_modules'));
  for (const repo of world.repos) walk(join(repo, '.git', 'objects'));
  return inodes;
}

function worktreeIds(world: World): string[] {
  return world.worktrees.map((w) => realpathSync(w.path));
}

function fullRegistry(expected: number): (s: AppState) => boolean {
  return (s) => {
    const records = Object.values(s.sessions);
    return records.length >= expected && records.filter((r) => r.git !== null && r.worktree !== null).length >= expected;
  };
}

async function runCoreOnce(world: World, options: CoreRunOptions, run: number, ignored: Set<number>): Promise<CoreRun> {
  const { log } = options;
  const checkouts = world.repos.length + world.worktrees.length;
  const serve: ServeChild = await startServe(world, { cpuProfDir: options.cpuProfDir });
  const mirror = await StateMirror.connect(serve);
  try {
    // 5. start → first full registry (every worktree and main, with git facts).
    const registryAt = await mirror.waitFor(fullRegistry(checkouts), 120_000);
    const startToRegistryMs = registryAt - serve.spawnedAt;
    const readyAt = await mirror.waitFor((s) => s.meta.ready, 120_000);
    let lastUsageChange: number | null = null;
    const usageKey = new Map<string, string>();
    const offUsage = mirror.onPatch((patch, at) => {
      for (const op of patch.ops) {
        if (op.op !== 'set' || op.path[0] !== 'sessions' || !op.path[1]) continue;
        const rec = mirror.state?.sessions[op.path[1]];
        const key = JSON.stringify(rec?.claude?.usage ?? null);
        if (usageKey.get(op.path[1]) !== key) {
          if (usageKey.has(op.path[1])) lastUsageChange = at;
          usageKey.set(op.path[1], key);
        }
      }
    });
    for (const [id, rec] of Object.entries(mirror.state?.sessions ?? {})) usageKey.set(id, JSON.stringify(rec.claude?.usage ?? null));
    log(`    run ${run + 1}: full registry after ${Math.round(startToRegistryMs)} ms; waiting for the core to go quiet…`);
    const settleMs = await waitQuiet(serve.pid, 120_000);
    offUsage();
    const transcriptsSettledMs = lastUsageChange === null ? null : (lastUsageChange as number) - serve.spawnedAt;

    // 4. watches; 3. memory.
    const watches = inotifyWatches(serve.pid);
    const watchesInIgnored = watches.filter((w) => ignored.has(w.ino)).length;
    const mem = memoryMb(serve.pid);
    const fds = openFds(serve.pid);
    log(`    run ${run + 1}: quiet after ${Math.round(settleMs)} ms; ${watches.length} inotify watches (${watchesInIgnored} in ignored folders), RSS ${Math.round(mem.rss)} MB`);

    // 2. idle CPU.
    const cpu = await measureIdleCpu(serve.pid, options.idleSeconds);
    log(`    run ${run + 1}: idle CPU ${cpu.total.toFixed(2)}% of a core over ${options.idleSeconds} s (process alone ${cpu.self.toFixed(2)}%)`);

    // 1. file written → visible in the UI.
    const ids = worktreeIds(world);
    const rand = mulberry32(1234 + run);
    const probeMs: number[] = [];
    let probeTimeouts = 0;
    for (let k = 0; k < options.probesPerRun; k++) {
      const i = Math.floor(rand() * world.worktrees.length);
      const wt = world.worktrees[i] as World['worktrees'][number];
      const id = ids[i] as string;
      const rel = `${PROBE_DIR}/bench-probe-${run}-${k}.ts`;
      const seen = (present: boolean) => (s: AppState) => (s.sessions[id]?.git?.uncommittedFiles.includes(rel) ?? false) === present;
      const t0 = performance.now();
      const wait = mirror.waitFor(seen(true), 10_000);
      writeFileSync(join(wt.path, rel), `export const probe = ${k};\n`);
      try {
        probeMs.push((await wait) - t0);
      } catch {
        probeTimeouts++;
      }
      const gone = mirror.waitFor(seen(false), 10_000).catch(() => 0);
      rmSync(join(wt.path, rel), { force: true });
      await gone;
      await sleep(200 + Math.floor(rand() * 300));
    }
    log(`    run ${run + 1}: write → UI median ${Math.round(median(probeMs))} ms, p95 ${Math.round(p95(probeMs))} ms (${probeMs.length} probes, ${probeTimeouts} timeouts)`);
    return {
      startToRegistryMs: round(startToRegistryMs),
      startToReadyMs: round(readyAt - serve.spawnedAt),
      transcriptsSettledMs: transcriptsSettledMs === null ? null : round(transcriptsSettledMs),
      settleMs: round(settleMs),
      rssMb: round(mem.rss, 1),
      peakRssMb: round(mem.peak, 1),
      inotifyWatches: watches.length,
      watchesInIgnored,
      fds,
      idleCpuPercent: round(cpu.total, 3),
      idleCpuSelfPercent: round(cpu.self, 3),
      probeMs: probeMs.map((x) => round(x, 1)),
      probeTimeouts,
      childErrors: serve.stderr().slice(-2000),
    };
  } finally {
    mirror.close();
    await serve.stop();
    cleanProbes(world);
  }
}

interface PollerLine {
  path?: string;
  status?: string;
  ready?: boolean;
  roundMs?: number;
}

async function runNaiveOnce(world: World, options: CoreRunOptions, run: number): Promise<NaiveRun> {
  const { log } = options;
  const list = join(tmpdir(), `switchyard-bench-poller-${process.pid}.json`);
  writeFileSync(list, JSON.stringify([...world.repos, ...world.worktrees.map((w) => w.path)]));
  const child: ChildProcess = spawn(process.execPath, ['out/bench/poller.mjs', list, '500'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const listeners = new Set<(line: PollerLine, at: number) => void>();
  let firstRoundMs = 0;
  const ready = new Promise<void>((resolve) => {
    listeners.add((line) => {
      if (line.ready) {
        firstRoundMs = line.roundMs ?? 0;
        resolve();
      }
    });
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const at = performance.now();
    let line: PollerLine;
    try {
      line = JSON.parse(text) as PollerLine;
    } catch {
      return;
    }
    for (const l of listeners) l(line, at);
  });
  const waitLine = (pred: (line: PollerLine) => boolean, timeoutMs: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(fn);
        reject(new Error('timeout'));
      }, timeoutMs);
      const fn = (line: PollerLine, at: number): void => {
        if (!pred(line)) return;
        clearTimeout(timer);
        listeners.delete(fn);
        resolve(at);
      };
      listeners.add(fn);
    });
  try {
    await ready;
    const pid = child.pid ?? 0;
    const cpu = await measureIdleCpu(pid, options.idleSeconds);
    log(`    naive run ${run + 1}: idle CPU ${cpu.total.toFixed(1)}% of a core (first round of git status over ${world.repos.length + world.worktrees.length} checkouts took ${firstRoundMs} ms)`);
    const rand = mulberry32(1234 + run);
    const probeMs: number[] = [];
    let probeTimeouts = 0;
    for (let k = 0; k < options.probesPerRun; k++) {
      const i = Math.floor(rand() * world.worktrees.length);
      const wt = world.worktrees[i] as World['worktrees'][number];
      const name = `bench-probe-${run}-${k}.ts`;
      const rel = `${PROBE_DIR}/${name}`;
      const t0 = performance.now();
      const wait = waitLine((l) => l.path === wt.path && (l.status ?? '').includes(name), 15_000);
      writeFileSync(join(wt.path, rel), `export const probe = ${k};\n`);
      try {
        probeMs.push((await wait) - t0);
      } catch {
        probeTimeouts++;
      }
      const gone = waitLine((l) => l.path === wt.path && !(l.status ?? '').includes(name), 15_000).catch(() => 0);
      rmSync(join(wt.path, rel), { force: true });
      await gone;
      await sleep(200 + Math.floor(rand() * 300));
    }
    log(`    naive run ${run + 1}: write → noticed median ${Math.round(median(probeMs))} ms, p95 ${Math.round(p95(probeMs))} ms`);
    return { idleCpuPercent: round(cpu.total, 2), probeMs: probeMs.map((x) => round(x, 1)), probeTimeouts, firstRoundMs };
  } finally {
    child.kill('SIGTERM');
    rmSync(list, { force: true });
    cleanProbes(world);
  }
}

export async function runCoreScenarios(world: World, options: CoreRunOptions): Promise<CoreResult> {
  cleanProbes(world);
  const checkouts = world.repos.length + world.worktrees.length;
  options.log(`  indexing ignored folders (node_modules, .git/objects) of ${checkouts} checkouts…`);
  const ignored = ignoredInodes(world);
  const runs: CoreRun[] = [];
  const naive: NaiveRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    runs.push(await runCoreOnce(world, options, r, ignored));
    naive.push(await runNaiveOnce(world, options, r));
  }
  const probes = runs.flatMap((r) => r.probeMs);
  const naiveProbes = naive.flatMap((r) => r.probeMs);
  const settled = runs.map((r) => r.transcriptsSettledMs).filter((x): x is number => x !== null);
  return {
    world: {
      key: world.key,
      worktrees: world.worktrees.length,
      checkouts,
      filesPerCheckout: world.trackedFiles + world.ignoredFiles,
      transcripts: world.worktrees.filter((w) => w.transcript).length,
      transcriptMb: round(world.scale.transcriptBytes / 1024 / 1024),
    },
    runs,
    naive,
    // Watching every file and folder of every checkout (what a recursive watcher without ignores holds).
    naiveWatchCount: checkouts * (world.trackedFiles + world.ignoredFiles + world.dirs),
    ignoredEntries: ignored.size,
    summary: {
      latencyMedianMs: round(median(probes)),
      latencyP95Ms: round(p95(probes)),
      latencyMaxMs: round(max(probes)),
      naiveLatencyMedianMs: round(median(naiveProbes)),
      naiveLatencyP95Ms: round(p95(naiveProbes)),
      idleCpuPercent: round(median(runs.map((r) => r.idleCpuPercent)), 3),
      naiveIdleCpuPercent: round(median(naive.map((r) => r.idleCpuPercent)), 2),
      rssMb: round(median(runs.map((r) => r.rssMb)), 1),
      peakRssMb: round(median(runs.map((r) => r.peakRssMb)), 1),
      watches: round(median(runs.map((r) => r.inotifyWatches))),
      watchesInIgnored: max(runs.map((r) => r.watchesInIgnored)),
      startToRegistryMs: round(median(runs.map((r) => r.startToRegistryMs))),
      transcriptsSettledMs: settled.length ? round(median(settled)) : null,
    },
  };
}
