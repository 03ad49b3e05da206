import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { GitRun } from './execGit';
import { GitSpawnWorker, type SpawnRequest } from './gitSpawnWorker';

const request = (over: Partial<SpawnRequest> = {}): SpawnRequest => ({
  args: ['--version'],
  cwd: process.cwd(),
  env: { LC_ALL: 'C' },
  input: null,
  timeoutMs: 10_000,
  maxBuffer: 1024 * 1024,
  ...over,
});

const directCalls: SpawnRequest[] = [];
const direct = (r: SpawnRequest): Promise<GitRun> =>
  new Promise((resolve, reject) => {
    directCalls.push(r);
    const child = execFile('git', [...r.args], { cwd: r.cwd, env: { ...process.env, ...r.env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof (error as NodeJS.ErrnoException).code === 'string') reject(error);
      else resolve({ code: error ? 1 : 0, stdout, stderr });
    });
    if (r.input !== null) child.stdin?.end(r.input);
  });

describe('GitSpawnWorker (git started from a worker thread)', () => {
  it('answers like git: output, exit codes as data, stdin passed through', async () => {
    const spawner = new GitSpawnWorker(direct);
    expect((await spawner.run(request())).stdout).toMatch(/^git version /);
    expect((await spawner.run(request({ args: ['rev-parse', '--verify', 'no-such-ref-anywhere'] }))).code).not.toBe(0);
    const hashed = await spawner.run(request({ args: ['hash-object', '--stdin'], input: 'hello\n' }));
    expect(hashed.stdout.trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(directCalls).toEqual([]);
  });

  it('git sees the process environment as it is now, plus what the request adds', async () => {
    const spawner = new GitSpawnWorker(direct);
    await spawner.run(request());
    const before = process.env.GIT_EDITOR;
    process.env.GIT_EDITOR = 'editor-set-after-the-worker-started';
    try {
      expect((await spawner.run(request({ args: ['var', 'GIT_EDITOR'] }))).stdout.trim()).toBe('editor-set-after-the-worker-started');
      expect((await spawner.run(request({ args: ['var', 'GIT_EDITOR'], env: { GIT_EDITOR: 'from-the-request' } }))).stdout.trim()).toBe('from-the-request');
    } finally {
      if (before === undefined) delete process.env.GIT_EDITOR;
      else process.env.GIT_EDITOR = before;
    }
  });

  it('a git that cannot start (its folder is gone) rejects with the reason, as a direct spawn does', async () => {
    const spawner = new GitSpawnWorker(direct);
    const error = (await spawner.run(request({ cwd: '/nonexistent/folder' })).catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ENOENT');
  });

  it('many at once all come back, each to its own caller', async () => {
    const spawner = new GitSpawnWorker(direct);
    const inputs = Array.from({ length: 20 }, (_, i) => `line ${i}\n`);
    const runs = await Promise.all(inputs.map((input) => spawner.run(request({ args: ['hash-object', '--stdin'], input }))));
    const expected = await Promise.all(inputs.map((input) => direct(request({ args: ['hash-object', '--stdin'], input }))));
    expect(runs.map((r) => r.stdout)).toEqual(expected.map((r) => r.stdout));
  });
});
