import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { GitRun } from './execGit';

/**
 * Starts git processes from a worker thread. fork()+exec of a process the size of the core costs
 * milliseconds of the calling thread each time: ~100 git processes on the way to the first registry
 * were about a second of the main thread (bench scenario 5). From a worker the main thread only
 * posts and receives messages. An eval'd script, so there is no extra file to bundle; `require`
 * works there, and Electron (whose runAsNode fuse is off, so no child Node) runs workers too.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { execFile } = require('node:child_process');
parentPort.on('message', (r) => {
  let child;
  try {
    child = execFile('git', r.args, { cwd: r.cwd, env: Object.assign({}, process.env, r.env), timeout: r.timeoutMs, maxBuffer: r.maxBuffer, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code === 'string') {
        parentPort.postMessage({ id: r.id, failed: { message: error.message, code: error.code } });
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      parentPort.postMessage({ id: r.id, run: { code, stdout, stderr } });
    });
  } catch (error) {
    parentPort.postMessage({ id: r.id, failed: { message: String(error && error.message || error), code: 'ESPAWN' } });
    return;
  }
  if (r.input !== null) child.stdin.end(r.input);
});
`;

export interface SpawnRequest {
  args: readonly string[];
  cwd: string;
  /** Added to (and overriding) the process environment, which the worker shares live (SHARE_ENV). */
  env: Record<string, string>;
  input: string | null;
  timeoutMs: number;
  maxBuffer: number;
}

type Reply = { id: number; run: GitRun } | { id: number; failed: { message: string; code: string } };

interface Pending {
  request: SpawnRequest;
  resolve: (run: GitRun) => void;
  reject: (error: Error) => void;
}

export type DirectSpawn = (request: SpawnRequest) => Promise<GitRun>;

/** One worker per process, started on first use; if it cannot start or dies, git is spawned directly. */
export class GitSpawnWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failures = 0;

  constructor(private readonly direct: DirectSpawn) {}

  run(request: SpawnRequest): Promise<GitRun> {
    const worker = this.ensure();
    if (!worker) return this.direct(request);
    return new Promise<GitRun>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...request, args: [...request.args] });
    });
  }

  private ensure(): Worker | null {
    if (this.worker) return this.worker;
    if (this.failures >= 3) return null;
    try {
      // The worker sees process.env live, so each request carries only its few extra variables:
      // cloning the whole environment into every message was a visible cost of the main thread.
      const worker = new Worker(WORKER_SOURCE, { eval: true, env: SHARE_ENV });
      worker.unref();
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', () => this.lost(worker));
      worker.on('exit', () => this.lost(worker));
      this.worker = worker;
      return worker;
    } catch {
      this.failures++;
      return null;
    }
  }

  private settle(reply: Reply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('run' in reply) p.resolve(reply.run);
    else p.reject(Object.assign(new Error(reply.failed.message), { code: reply.failed.code }));
  }

  /** The worker died: what it had in hand runs directly, the next call starts a new one. */
  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failures++;
    const orphans = [...this.pending.values()];
    this.pending.clear();
    for (const p of orphans) this.direct(p.request).then(p.resolve, p.reject);
  }
}
