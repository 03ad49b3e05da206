import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { WebSocketServer, type WebSocket } from 'ws';
import { defaultSettings } from '../../shared/domain/settings';
import type { SessionRecord, SessionStatus } from '../../shared/domain/session';
import type { AppState } from '../../shared/state/appState';
import { newAppState } from '../../shared/state/newAppState';
import type { PatchOp } from '../../shared/state/statePatch';
import { max, median, quantile, round, sleep } from '../lib/stats';

/**
 * Scenario 8: the built renderer (out/renderer) in Chromium, fed by a small fake server that speaks
 * serve mode's WebSocket protocol: a snapshot with N realistic SessionRecords, then P patches per
 * second, each changing one random record. The page records frame times (requestAnimationFrame
 * deltas), long tasks, and the time from a key press to the next frame.
 */

export interface RendererOptions {
  sessions: number;
  patchesPerSecond: number;
  seconds: number;
  runs: number;
  log: (line: string) => void;
  /** Write a Chrome CPU profile of the measured window of the first run to this file. */
  cpuProfilePath?: string | null;
}

export interface RendererRun {
  frames: number;
  frameP50Ms: number;
  frameP99Ms: number;
  frameMaxMs: number;
  framesOver50: number;
  longTasks: number;
  longTaskMaxMs: number;
  inputs: number;
  inputMedianMs: number;
  inputMaxMs: number;
  eventTimingMaxMs: number;
  patchesSent: number;
  /** Rows in the DOM at the end (the table windows long lists), and the rows the table says it holds. */
  rowsShown: number;
  rowsInTable: number;
}

export interface RendererResult {
  runs: RendererRun[];
  summary: { frameMaxMs: number; framesOver50: number; longTasks: number; longTaskMaxMs: number; inputMedianMs: number; inputMaxMs: number; frameP99Ms: number };
}

const STATUSES: SessionStatus[] = ['working', 'waiting', 'idle', 'done', 'stale', 'failed', 'merged'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function fakeSessionRecord(i: number, rand: () => number, now = Date.now()): SessionRecord {
  const repo = `/home/dev/src/repo${i % 5}`;
  const path = `/home/dev/.claude/worktrees/repo${i % 5}-ben-${i}`;
  const branch = `claude/ben-${100 + i}-task-${i}`;
  const status = STATUSES[Math.floor(rand() * STATUSES.length)] as SessionStatus;
  const files = Array.from({ length: 3 + Math.floor(rand() * 8) }, (_, k) => `packages/p${k}/src/m${(i + k) % 20}/file${i * 10 + k}.ts`);
  const input = Math.floor(rand() * 5_000);
  return {
    id: path,
    name: `bench-session-${String(i).padStart(3, '0')}`,
    worktree: {
      id: path,
      path,
      repoRoot: repo,
      commonGitDir: `${repo}/.git`,
      gitDir: `${repo}/.git/worktrees/ben-${i}`,
      branch,
      head: 'a'.repeat(40),
      detached: false,
      locked: false,
      prunable: false,
      bare: false,
      isMain: false,
      source: ['claude-home', 'git-worktree-list'],
    },
    git: {
      branch,
      head: 'a'.repeat(40),
      baseBranch: 'main',
      baseRef: 'main',
      ahead: Math.floor(rand() * 12),
      behind: Math.floor(rand() * 4),
      changedFiles: files.length - 2,
      uncommittedFiles: files.slice(2),
      dirty: true,
      lastCommitAt: new Date(now - rand() * 3_600_000).toISOString(),
      lastCommitSubject: `Work on BEN-${100 + i}: step ${Math.floor(rand() * 9)}`,
      mergeInProgress: false,
      rebaseInProgress: false,
      lockFiles: [],
      filesChangedVsBase: files,
      mergedIntoBase: false,
      error: null,
    },
    issueId: `BEN-${100 + i}`,
    phase: `${1 + Math.floor(i / 10)}${'ABCDEFGHIJ'[i % 10] ?? 'A'}`,
    agent: 'Claude Code',
    planPath: '/home/dev/.claude/plans/2025-01-01-bench-master-plan.md',
    matchedBy: ['branch', 'registry-row'],
    unmatched: false,
    status,
    statusReason: status === 'working' ? 'Claude is busy and the transcript is growing' : `The session is ${status}`,
    statusSince: new Date(now - rand() * 600_000).toISOString(),
    claude: {
      sessionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      pid: 10_000 + i,
      liveStatus: 'busy',
      alive: true,
      transcriptPath: `/home/dev/.claude/projects/x/${i}.jsonl`,
      lastActivityAt: new Date(now - rand() * 60_000).toISOString(),
      lastAssistantText: `I updated the module and ran the tests; ${Math.floor(rand() * 40)} pass. Next I will wire the view. `.repeat(3),
      usage: { input, output: input * 3, cacheWrite5m: 0, cacheWrite1h: input * 10, cacheRead: input * 200 },
      costUsd: round(rand() * 20, 2),
      estimateUsd: 6,
      usageCounting: false,
    },
    progress: { done: Math.floor(rand() * 8), total: 8 },
    collisions: i % 17 === 0 ? [{ file: files[0] ?? 'x', otherSessionId: `/home/dev/.claude/worktrees/repo0-ben-${i + 1}`, otherSessionName: `bench-session-${i + 1}` }] : [],
    warnings: [],
  };
}

function initialState(sessions: number): AppState {
  const rand = rng(42);
  const records: Record<string, SessionRecord> = {};
  for (let i = 0; i < sessions; i++) {
    const r = fakeSessionRecord(i, rand);
    records[r.id] = r;
  }
  const state = newAppState(
    {
      version: 'bench',
      mode: 'serve',
      demo: false,
      claudeHome: '/home/dev/.claude',
      claudeHomeSource: 'flag',
      dataDir: '/tmp/bench',
      startedAt: new Date().toISOString(),
      ready: true,
      scanProgress: null,
    },
    defaultSettings(),
  );
  return { ...state, sessions: records };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

interface FakeServer {
  port: number;
  start(pps: number): void;
  stopPatches(): number;
  close(): Promise<void>;
}

async function startFakeServer(staticDir: string, sessions: number): Promise<FakeServer> {
  let state = initialState(sessions);
  let seq = 1;
  const ids = Object.keys(state.sessions);
  const rand = rng(7);
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    let file = normalize(join(staticDir, rel));
    if (!file.startsWith(staticDir) || !existsSync(file) || !statSync(file).isFile()) file = join(staticDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { id: number; name: string };
      const result = frame.name === 'app.snapshot' ? { ok: true, value: { seq, state } } : { ok: false, error: { code: 'unavailable', message: 'bench server' } };
      ws.send(JSON.stringify({ type: 'result', id: frame.id, result }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  let timer: NodeJS.Timeout | null = null;
  let sent = 0;
  const sendPatch = (): void => {
    const id = ids[Math.floor(rand() * ids.length)] as string;
    const old = state.sessions[id] as SessionRecord;
    const fresh = fakeSessionRecord(ids.indexOf(id), rand);
    // Most updates are activity (tokens, last activity, changed files); one in ten changes the status too.
    const statusChange = rand() < 0.1;
    const value: SessionRecord = {
      ...old,
      ...(statusChange ? { status: fresh.status, statusReason: fresh.statusReason, statusSince: new Date().toISOString() } : {}),
      git: fresh.git,
      claude: fresh.claude,
      progress: fresh.progress,
    };
    const ops: PatchOp[] = [{ op: 'set', path: ['sessions', id], value }];
    state = { ...state, sessions: { ...state.sessions, [id]: value } };
    seq += 1;
    sent += 1;
    const text = JSON.stringify({ type: 'event', event: 'state.patch', payload: { seq, ops } });
    for (const c of clients) c.send(text);
  };
  return {
    port,
    start(pps) {
      const t0 = performance.now();
      let due = 0;
      timer = setInterval(() => {
        const should = Math.floor(((performance.now() - t0) / 1000) * pps);
        while (due < should) {
          sendPatch();
          due++;
        }
      }, 5);
    },
    stopPatches() {
      if (timer) clearInterval(timer);
      timer = null;
      return sent;
    },
    async close() {
      if (timer) clearInterval(timer);
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function traceFileFor(cpuProfilePath: string): string {
  return cpuProfilePath.replace(/\.cpuprofile$/, '') + '.trace.json';
}

interface PageProbe {
  frames: number[];
  longTasks: number[];
  inputs: number[];
  events: number[];
  reset(): void;
}

/** Runs in the page before its scripts: frame deltas, long tasks, key press → next frame, Event Timing. */
function installProbe(): void {
  const probe: PageProbe = {
    frames: [],
    longTasks: [],
    inputs: [],
    events: [],
    reset() {
      probe.frames = [];
      probe.longTasks = [];
      probe.inputs = [];
      probe.events = [];
    },
  };
  (window as unknown as { __probe: PageProbe }).__probe = probe;
  let last = performance.now();
  const loop = (t: number): void => {
    probe.frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.events.push(e.duration);
    }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  } catch {
    /* no Event Timing */
  }
  document.addEventListener(
    'keydown',
    () => {
      const t0 = performance.now();
      requestAnimationFrame(() => setTimeout(() => probe.inputs.push(performance.now() - t0), 0));
    },
    true,
  );
}

export async function runRendererScenario(options: RendererOptions): Promise<RendererResult> {
  const staticDir = join(process.cwd(), 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('out/renderer is missing: run npm run build');
  const browser: Browser = await chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const runs: RendererRun[] = [];
  try {
    for (let r = 0; r < options.runs; r++) {
      const server = await startFakeServer(staticDir, options.sessions);
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await page.addInitScript(installProbe);
        await page.goto(`http://127.0.0.1:${server.port}/`);
        // The table holds every session (aria-rowcount counts the header too) while only the rows in view are in the DOM.
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="session-list"]')?.getAttribute('aria-rowcount') === String(n + 1) && document.querySelector('[data-testid="session-row"]') !== null,
          options.sessions,
          { timeout: 30_000 },
        );
        await sleep(1000);
        const profiling = r === 0 && options.cpuProfilePath ? await page.context().newCDPSession(page) : null;
        if (profiling) {
          await profiling.send('Profiler.enable');
          await profiling.send('Profiler.start');
          // The CPU profile shows JS; style, layout and paint show only in a trace (open it in Chrome's performance panel).
          await browser.startTracing(page, { path: traceFileFor(options.cpuProfilePath ?? ''), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        }
        await page.evaluate(() => (window as unknown as { __probe: PageProbe }).__probe.reset());
        server.start(options.patchesPerSecond);
        const end = performance.now() + options.seconds * 1000;
        let k = 0;
        await page.mouse.move(700, 450);
        while (performance.now() < end) {
          // A person opens and closes the palette and scrolls the table (down more than up) meanwhile.
          const step = k % 4;
          if (step < 2) await page.keyboard.press(step === 0 ? 'Control+k' : 'Escape');
          else await page.mouse.wheel(0, step === 2 ? 900 : -500);
          k++;
          await sleep(500);
        }
        const sent = server.stopPatches();
        if (profiling && options.cpuProfilePath) {
          const { profile } = await profiling.send('Profiler.stop');
          writeFileSync(options.cpuProfilePath, JSON.stringify(profile));
          await browser.stopTracing();
          options.log(`    wrote the page's CPU profile to ${options.cpuProfilePath} and its trace to ${traceFileFor(options.cpuProfilePath)}`);
        }
        await sleep(300);
        const probe = await page.evaluate(() => {
          const p = (window as unknown as { __probe: PageProbe }).__probe;
          return { frames: p.frames, longTasks: p.longTasks, inputs: p.inputs, events: p.events };
        });
        const rowsShown = await page.locator('[data-testid="session-row"]').count();
        const rowsInTable = Number(await page.getAttribute('[data-testid="session-list"]', 'aria-rowcount')) - 1;
        const run: RendererRun = {
          frames: probe.frames.length,
          frameP50Ms: round(median(probe.frames), 1),
          frameP99Ms: round(quantile(probe.frames, 0.99), 1),
          frameMaxMs: round(max(probe.frames), 1),
          framesOver50: probe.frames.filter((f) => f > 50).length,
          longTasks: probe.longTasks.length,
          longTaskMaxMs: round(probe.longTasks.length ? max(probe.longTasks) : 0, 1),
          inputs: probe.inputs.length,
          inputMedianMs: round(median(probe.inputs), 1),
          inputMaxMs: round(max(probe.inputs), 1),
          eventTimingMaxMs: round(probe.events.length ? max(probe.events) : 0, 1),
          patchesSent: sent,
          rowsShown,
          rowsInTable,
        };
        runs.push(run);
        options.log(
          `    run ${r + 1}: ${run.frames} frames, p50 ${run.frameP50Ms} ms, p99 ${run.frameP99Ms} ms, max ${run.frameMaxMs} ms, ${run.framesOver50} over 50 ms; ${run.longTasks} long tasks (max ${run.longTaskMaxMs} ms); key → next frame median ${run.inputMedianMs} ms, max ${run.inputMaxMs} ms; ${sent} patches; ${run.rowsShown} of ${run.rowsInTable} rows in the DOM`,
        );
      } finally {
        await page.close();
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
  return {
    runs,
    summary: {
      frameMaxMs: max(runs.map((r) => r.frameMaxMs)),
      framesOver50: runs.reduce((n, r) => n + r.framesOver50, 0),
      longTasks: runs.reduce((n, r) => n + r.longTasks, 0),
      longTaskMaxMs: max(runs.map((r) => r.longTaskMaxMs)),
      inputMedianMs: round(median(runs.map((r) => r.inputMedianMs)), 1),
      inputMaxMs: max(runs.map((r) => r.inputMaxMs)),
      frameP99Ms: round(median(runs.map((r) => r.frameP99Ms)), 1),
    },
  };
}
