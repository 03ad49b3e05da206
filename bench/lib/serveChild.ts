import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { SOCKET_PROTOCOL, tokenProtocol } from '../../shared/contract/socketAuth';
import type { AppState, StateSnapshot } from '../../shared/state/appState';
import { applyPatchOps, type StatePatch } from '../../shared/state/statePatch';
import type { World } from '../world/generateWorld';

export interface ServeChild {
  child: ChildProcess;
  pid: number;
  url: string;
  token: string;
  port: number;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  stderr(): string;
  stop(): Promise<void>;
}

export interface StartServeOptions {
  /** Write a V8 CPU profile of the child into this folder (node --cpu-prof). */
  cpuProfDir?: string | null;
}

/** Starts serve mode (out/server/cli.mjs) as a child process on the world; resolves once it printed its URL. */
export function startServe(world: World, options: StartServeOptions = {}): Promise<ServeChild> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-data-'));
  mkdirSync(dataDir, { recursive: true });
  const nodeArgs = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const args = [
    ...nodeArgs,
    'out/server/cli.mjs',
    '--claude-home',
    world.claudeHome,
    '--data-dir',
    dataDir,
    '--port',
    '0',
    ...world.repos.flatMap((r) => ['--repo', r]),
  ];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve mode printed no URL within 60 s:\n${out}\n${err}`)), 60_000);
    const early = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`serve mode exited ${code} before printing its URL:\n${out}\n${err}`));
    };
    child.once('exit', early);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', early);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      const port = Number(m[1]);
      resolve({
        child,
        pid: child.pid ?? 0,
        url: `http://127.0.0.1:${port}/`,
        token: m[2] ?? '',
        port,
        spawnedAt,
        stderr: () => err,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}

type ServerFrame =
  | { type: 'result'; id: number; result: { ok: true; value: unknown } | { ok: false; error: { message: string } } }
  | { type: 'error'; id: number | null; error: { message: string } }
  | { type: 'event'; event: string; payload: unknown };

/** A client like the renderer's: snapshot, then patches in sequence, into a local mirror. */
export class StateMirror {
  state: AppState | null = null;
  seq = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (frame: ServerFrame) => void>();
  private readonly patchListeners = new Set<(patch: StatePatch, at: number) => void>();
  private readonly buffered: StatePatch[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type === 'event') {
        if (frame.event === 'state.patch') this.handlePatch(frame.payload as StatePatch, at);
        else if (frame.event === 'state.snapshot') this.setSnapshot(frame.payload as StateSnapshot);
        return;
      }
      if (frame.id !== null) {
        const resolve = this.pending.get(frame.id);
        this.pending.delete(frame.id);
        resolve?.(frame);
      }
    });
  }

  static async connect(serve: Pick<ServeChild, 'port' | 'token'>): Promise<StateMirror> {
    // The token travels as a subprotocol value, as the page sends it (shared/contract/socketAuth).
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, [SOCKET_PROTOCOL, tokenProtocol(serve.token)], {
      headers: { origin: `http://127.0.0.1:${serve.port}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const mirror = new StateMirror(ws);
    const snap = await mirror.call('app.snapshot', {});
    mirror.setSnapshot(snap as StateSnapshot);
    return mirror;
  }

  call(name: string, payload: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (frame) => {
        if (frame.type === 'result' && frame.result.ok) resolve(frame.result.value);
        else reject(new Error(frame.type === 'result' && !frame.result.ok ? frame.result.error.message : 'call failed'));
      });
      this.ws.send(JSON.stringify({ type: 'call', id, name, payload }));
    });
  }

  /** Listens to every applied patch; returns the unsubscribe. */
  onPatch(listener: (patch: StatePatch, at: number) => void): () => void {
    this.patchListeners.add(listener);
    return () => this.patchListeners.delete(listener);
  }

  private handlePatch(arg: StatePatch, at: number): void {
    if (!this.state) {
      this.buffered.push(arg);
      return;
    }
    if (arg.seq <= this.seq) return;
    if (arg.seq !== this.seq + 1) {
      void this.call('app.snapshot', {}).then((s) => this.setSnapshot(s as StateSnapshot));
      return;
    }
    this.state = applyPatchOps(this.state, arg.ops);
    this.seq = arg.seq;
    for (const l of this.patchListeners) l(arg, at);
  }

  /** Resolves with the time a patch made `predicate` true (checked after each patch and now). */
  waitFor(predicate: (state: AppState) => boolean, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.state && predicate(this.state)) return resolve(performance.now());
      const timer = setTimeout(() => {
        off();
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onPatch((_patch, at) => {
        if (this.state && predicate(this.state)) {
          clearTimeout(timer);
          off();
          resolve(at);
        }
      });
    });
  }

  close(): void {
    this.ws.close();
  }

  private setSnapshot(snap: StateSnapshot): void {
    this.state = snap.state;
    this.seq = snap.seq;
    const queued = this.buffered.splice(0);
    for (const p of queued) this.handlePatch(p, performance.now());
  }
}
