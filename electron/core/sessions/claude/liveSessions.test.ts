import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveClaudeSession } from '../../../../shared/domain/claude';
import { makeTempDir } from '../../testing/tempRepo';
import { readLiveSessions } from './liveSessions';
import { startTicksFromStat, type ProcessProbe } from './processLiveness';

let home: string;
let sessions: string;
beforeEach(async () => {
  home = await makeTempDir('switchyard-live-');
  sessions = join(home, 'sessions');
  await mkdir(sessions);
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** A pid that certainly existed and has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

function record(pid: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    pid,
    sessionId: '2aa9e79e-0000-4000-8000-000000000001',
    cwd: '/repo/.claude/worktrees/x',
    startedAt: 1783570707479,
    version: '2.1.205',
    kind: 'interactive',
    entrypoint: 'cli',
    name: 'flip-bd',
    status: 'busy',
    statusUpdatedAt: 1783570800000,
    updatedAt: 1783570800000,
    ...extra,
  });
}

const onLinux = process.platform === 'linux';

describe('readLiveSessions', () => {
  it('a missing sessions folder gives an empty list', async () => {
    expect(await readLiveSessions(join(home, 'nothing-here'))).toEqual([]);
  });

  it('reads a current-shape file of a running process as alive, with its fields', async () => {
    await writeFile(join(sessions, `${process.pid}.json`), record(process.pid));
    const [s] = await readLiveSessions(home);
    expect(s).toMatchObject({
      pid: process.pid,
      sessionId: '2aa9e79e-0000-4000-8000-000000000001',
      cwd: '/repo/.claude/worktrees/x',
      name: 'flip-bd',
      status: 'busy',
      version: '2.1.205',
      alive: true,
      shape: 'current',
      warning: null,
      startedAt: new Date(1783570707479).toISOString(),
      statusUpdatedAt: new Date(1783570800000).toISOString(),
    });
  });

  it('a file whose process has exited is not alive', async () => {
    const pid = deadPid();
    await writeFile(join(sessions, `${pid}.json`), record(pid));
    const [s] = await readLiveSessions(home);
    expect(s).toMatchObject({ pid, alive: false, warning: null });
  });

  it.runIf(onLinux)('a reused pid (start time differs from procStart) is not alive; a matching one is', async () => {
    const ticks = startTicksFromStat(readFileSync('/proc/self/stat', 'utf8'));
    expect(ticks).toMatch(/^\d+$/);
    await writeFile(join(sessions, `${process.pid}.json`), record(process.pid, { procStart: ticks }));
    expect((await readLiveSessions(home))[0]?.alive).toBe(true);
    await writeFile(join(sessions, `${process.pid}.json`), record(process.pid, { procStart: String(Number(ticks) + 1) }));
    expect((await readLiveSessions(home))[0]?.alive).toBe(false);
  });

  it('a macOS-style procStart date is not compared, so a live pid stays alive', async () => {
    await writeFile(join(sessions, `${process.pid}.json`), record(process.pid, { procStart: 'Thu Jul  9 04:18:26 2026' }));
    expect((await readLiveSessions(home))[0]?.alive).toBe(true);
  });

  it('broken JSON, legacy files, unknown shapes and unknown statuses become warnings, never throws', async () => {
    await writeFile(join(sessions, '101.json'), '{"pid":101, "sessionId": ');
    await writeFile(join(sessions, 'pid-102.json'), JSON.stringify({ pid: 102, cwd: '/old' }));
    await writeFile(join(sessions, '103.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(sessions, '104.json'), record(104, { status: 'dreaming' }));
    await writeFile(join(sessions, '105.json'), record(105, { status: undefined }));
    await writeFile(join(sessions, 'notes.txt'), 'not a registry file');
    const probe: ProcessProbe = {
      pidExists: () => false,
      startTicks: () => Promise.resolve(null),
      pidNamespace: () => Promise.resolve(null),
    };
    const list = await readLiveSessions(home, { probe });
    for (const s of list) expect(LiveClaudeSession.strict().parse(s)).toEqual(s);
    expect(list.map((s) => s.pid)).toEqual([101, 102, 103, 104, 105]);
    const byPid = new Map(list.map((s) => [s.pid, s]));
    expect(byPid.get(101)?.warning).toMatch(/broken JSON/);
    expect(byPid.get(102)).toMatchObject({ shape: 'legacy', cwd: '/old', status: 'unknown' });
    expect(byPid.get(102)?.warning).toMatch(/legacy/);
    expect(byPid.get(103)?.warning).toMatch(/unrecognised/);
    expect(byPid.get(104)).toMatchObject({ status: 'unknown' });
    expect(byPid.get(104)?.warning).toMatch(/dreaming/);
    // SDK sessions write no status: unknown, but nothing wrong with the file.
    expect(byPid.get(105)).toMatchObject({ status: 'unknown', warning: null });
  });

  it('a file written in another pid namespace (a sandbox) is not taken as a host process', async () => {
    await writeFile(join(sessions, `${process.pid}.json`), record(process.pid, { pidDomain: 'linux::pid:[1]' }));
    const probe: ProcessProbe = {
      pidExists: () => true,
      startTicks: () => Promise.resolve(null),
      pidNamespace: () => Promise.resolve('pid:[4026531836]'),
    };
    const [s] = await readLiveSessions(home, { probe });
    expect(s?.alive).toBe(false);
    expect(s?.warning).toMatch(/namespace/);
  });
});

describe('startTicksFromStat', () => {
  it('splits after the last ")" because the command name may contain spaces and parentheses', () => {
    expect(
      startTicksFromStat('318 (claude) S 6 318 1 34816 318 4194304 5285340 76737792 328 11320 59454 4057 125059 42346 20 0 37 0 50424 5816676352'),
    ).toBe('50424');
    expect(startTicksFromStat('7 (a) b) c) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 99 1')).toBe('99');
    expect(startTicksFromStat('7 (claude S 1 2')).toBeNull();
  });
});
