import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../testing/tempRepo';
import { acquireBaseLock, isStale, lockPathFor, withBaseLock, type LockInfo } from './baseLock';
import { hostname } from 'node:os';

let repo: TempRepo | null = null;
afterEach(async () => {
  await repo?.cleanup();
  repo = null;
});

const info = (over: Partial<LockInfo>): LockInfo => ({ pid: process.pid, host: hostname(), token: 't', startedAt: 0, heartbeatAt: 1000, purpose: 'merge', ...over });

describe('isStale (pure)', () => {
  it.each([
    ['fresh, live pid', info({}), 1500, false],
    ['old heartbeat', info({}), 1000 + 31_000, true],
    ['dead pid on this host', info({ pid: 999_999_9 }), 1500, true],
    ['dead-looking pid on another host is trusted until its heartbeat ages', info({ pid: 999_999_9, host: 'elsewhere' }), 1500, false],
  ])('%s', (_name, lock, now, expected) => {
    expect(isStale(lock, now, 30_000, (pid) => pid === process.pid)).toBe(expected);
  });
});

describe('acquireBaseLock', () => {
  it('one holder per base; a second is refused with who holds it; released lock can be retaken', async () => {
    repo = await createTempRepo();
    const first = await acquireBaseLock(repo.dir, 'main');
    expect(first.ok).toBe(true);
    const second = await acquireBaseLock(repo.dir, 'main');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toMatch(new RegExp(`pid ${process.pid}`));
    const other = await acquireBaseLock(repo.dir, 'release/1.0');
    expect(other.ok).toBe(true);
    if (first.ok) await first.lock.release();
    if (other.ok) await other.lock.release();
    const again = await withBaseLock(repo.dir, 'main', async () => 42);
    expect(again).toEqual({ ok: true, value: 42 });
  });

  it('a lock left by a SIGKILLed process is stale and broken', async () => {
    repo = await createTempRepo();
    const path = lockPathFor(`${repo.dir}/.git`, 'main');
    await mkdir(dirname(path), { recursive: true });
    const child = spawn(process.execPath, [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(path)}, JSON.stringify({pid: process.pid, host: require('os').hostname(), token: 'dead', startedAt: Date.now(), heartbeatAt: Date.now(), purpose: 'merge'}), {flag: 'wx'}); console.log('locked'); setInterval(() => {}, 1000);`,
    ]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const whileAlive = await acquireBaseLock(repo.dir, 'main');
    expect(whileAlive.ok).toBe(false);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const afterKill = await acquireBaseLock(repo.dir, 'main');
    expect(afterKill.ok).toBe(true);
    if (afterKill.ok) await afterKill.lock.release();
  });

  it('a lock whose heartbeat is too old is stale even if the pid lives', async () => {
    repo = await createTempRepo();
    const path = lockPathFor(`${repo.dir}/.git`, 'main');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(info({ token: 'old', heartbeatAt: Date.now() - 60_000 })));
    const got = await acquireBaseLock(repo.dir, 'main', { staleMs: 10_000 });
    expect(got.ok).toBe(true);
    if (got.ok) await got.lock.release();
  });
});
