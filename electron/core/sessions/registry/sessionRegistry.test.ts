import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../../shared/domain/session';
import { createTempRepo, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import type { ClaudeSource, LiveSessionLike, TranscriptEntry } from './claudeSource';
import { SessionRegistry, type ChangeEvent, type NotifyEvent } from './sessionRegistry';

function waitFor<T>(registry: SessionRegistry, pick: (e: ChangeEvent) => T | undefined, timeoutMs = 1000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching change within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = registry.on('change', (e) => {
      const hit = pick(e);
      if (hit !== undefined) {
        clearTimeout(timer);
        off();
        resolve(hit);
      }
    });
  });
}

const usage = { input: 10, output: 5, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };

describe('SessionRegistry (real repos, real watcher)', () => {
  let home: string;
  let repo: TempRepo;
  let wtA: string;
  let wtB: string;
  let wtGone: string;
  let registry: SessionRegistry | null = null;
  let live: LiveSessionLike[] = [];
  let transcripts: TranscriptEntry[] = [];
  const claude: ClaudeSource = {
    readLiveSessions: () => Promise.resolve(live),
    readTranscripts: () => Promise.resolve(transcripts),
    readCccState: () => Promise.resolve(null),
  };

  beforeAll(async () => {
    home = await makeTempDir('switchyard-home-');
    repo = await createTempRepo();
    await repo.write('shared.ts', 'base\n');
    await repo.write('README.md', 'r\n');
    await repo.commitAll('init');
    wtA = await repo.addWorktree(join(home, 'worktrees', 'repo-cia-101'), 'claude/cia-101-alpha');
    wtB = await repo.addWorktree(join(home, 'worktrees', 'repo-cia-102'), 'claude/cia-102-beta');
    wtGone = await repo.addWorktree(join(home, 'worktrees', 'repo-cia-103'), 'claude/cia-103-gamma');
  });
  afterEach(async () => {
    await registry?.stop();
    registry = null;
    live = [];
    transcripts = [];
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  const make = (extra: Partial<ConstructorParameters<typeof SessionRegistry>[0]> = {}) => {
    registry = new SessionRegistry({ claudeHome: home, repos: [repo.dir], claude, claudePollMs: 0, topologyPollMs: 0, ...extra });
    return registry;
  };

  it('start() emits every worktree once with git facts and identity from branch/folder', async () => {
    const first: ChangeEvent[] = [];
    const r = make({ onChange: (records, removedIds) => first.push({ records, removedIds }) });
    await r.start();
    expect(first).toHaveLength(1);
    const snap = r.snapshot();
    expect(snap.map((s) => s.id).sort()).toEqual([repo.dir, wtA, wtB, wtGone].sort());
    const a = snap.find((s) => s.id === wtA);
    expect(a).toMatchObject({ issueId: 'CIA-101', agent: 'claude', matchedBy: ['branch', 'folder'], unmatched: false, status: 'idle' });
    expect(a?.git).toMatchObject({ branch: 'claude/cia-101-alpha', baseBranch: 'main', changedFiles: 0 });
    expect(r.watchedPathCount()).toBeGreaterThan(0);
  });

  it('writing a file into a worktree emits that record with changedFiles up within a second', async () => {
    const r = make();
    await r.start();
    const started = Date.now();
    const seen = waitFor(r, (e) => e.records.find((x) => x.id === wtA && (x.git?.changedFiles ?? 0) > 0));
    await writeFile(join(wtA, 'new-file.ts'), 'hello\n');
    const rec = await seen;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(rec.git?.uncommittedFiles).toEqual(['new-file.ts']);
    // No Claude process + uncommitted changes derives 'stale', but the new status is held back 1.5 s first.
    expect(rec.status).toBe('idle');
    await rm(join(wtA, 'new-file.ts'));
  });

  it('two worktrees editing the same file: a collision on both', async () => {
    const r = make();
    await r.start();
    const both = new Promise<SessionRecord[]>((resolve) => {
      const off = r.on('change', () => {
        const s = r.snapshot().filter((x) => x.collisions.length > 0);
        if (s.length === 2) {
          off();
          resolve(s);
        }
      });
    });
    await writeFile(join(wtA, 'shared.ts'), 'alpha\n');
    await writeFile(join(wtB, 'shared.ts'), 'beta\n');
    const hit = await Promise.race([both, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), 3000))]);
    const a = hit.find((x) => x.id === wtA);
    const b = hit.find((x) => x.id === wtB);
    expect(a?.collisions).toEqual([{ file: 'shared.ts', otherSessionId: wtB, otherSessionName: b?.name }]);
    expect(b?.collisions).toEqual([{ file: 'shared.ts', otherSessionId: wtA, otherSessionName: a?.name }]);
    await Promise.all([wtA, wtB].map((w) => writeFile(join(w, 'shared.ts'), 'base\n')));
  });

  it('live Claude session + plan rows: waiting status, identity from the row, estimate, notification', async () => {
    live = [{ pid: 4242, sessionId: 's-1', cwd: join(wtB, 'src'), name: null, status: 'busy', alive: true, warning: null }];
    transcripts = [
      {
        path: '/t/s-1.jsonl',
        summary: {
          sessionId: 's-1', cwd: wtB, slug: 'brave-otter', gitBranch: 'claude/cia-102-beta', customTitle: null, aiTitle: null,
          lastActivityAt: new Date().toISOString(), lastAssistantText: 'On it', turnInProgress: true, taskCompleteSeen: false,
          awaitingPermission: null, usage, costUsd: 0.12,
        },
      },
    ];
    const r = make({ statusHoldMs: 50, statusSettleMs: 0 });
    await r.start();
    r.setPlanContext({
      rows: [{ planPath: '/p/plan.md', sessionName: 'brave-otter', issueId: 'CIA-102', phase: '1B', agent: 'Claude Code', branch: null, worktree: null, status: 'Active' }],
      estimates: { 'CIA-102': 5 },
    });
    const b = r.snapshot().find((x) => x.id === wtB);
    expect(b).toMatchObject({ name: 'brave-otter', phase: '1B', agent: 'Claude Code', planPath: '/p/plan.md', status: 'working' });
    expect(b?.claude).toMatchObject({ pid: 4242, sessionId: 's-1', liveStatus: 'busy', estimateUsd: 5, costUsd: 0.12, transcriptPath: '/t/s-1.jsonl' });

    const notified = new Promise<NotifyEvent>((resolve) => r.on('notify', resolve));
    live = [{ ...live[0]!, status: 'waiting' }];
    await r.refreshClaude();
    expect(r.snapshot().find((x) => x.id === wtB)?.status).toBe('working'); // held back, no flicker
    const n = await notified;
    expect(n).toMatchObject({ id: wtB, from: 'working', to: 'waiting' });
    expect(r.snapshot().find((x) => x.id === wtB)?.status).toBe('waiting');
  });

  it('a live session file written under sessions/ is picked up at once, without polling', async () => {
    await mkdir(join(home, 'sessions'), { recursive: true });
    await mkdir(join(home, 'projects'), { recursive: true });
    const r = make({ claudePollMs: 0 });
    await r.start();
    expect(r.snapshot().find((x) => x.id === 'claude:77')).toBeUndefined();
    live = [{ pid: 77, sessionId: null, cwd: '/elsewhere', name: 'fresh', status: 'busy', alive: true, warning: null }];
    const seen = waitFor(r, (e) => e.records.find((x) => x.id === 'claude:77'), 3000);
    await writeFile(join(home, 'sessions', '77.json'), '{}');
    expect(await seen).toMatchObject({ name: 'fresh' });
  });

  it('a live session outside every worktree gets its own record', async () => {
    live = [{ pid: 7, sessionId: null, cwd: '/somewhere/else', name: 'loose', status: 'idle', alive: true, warning: null }];
    const r = make();
    await r.start();
    expect(r.snapshot().find((x) => x.id === 'claude:7')).toMatchObject({ name: 'loose', worktree: null, unmatched: true, status: 'idle' });
  });

  it('index.lock present → lockFiles and a warning on the record', async () => {
    const r = make({ watch: false });
    await r.start();
    const gitDir = r.snapshot().find((x) => x.id === wtA)?.worktree?.gitDir ?? '';
    await writeFile(join(gitDir, 'index.lock'), '');
    try {
      await r.refreshWorktree(wtA);
      const a = r.snapshot().find((x) => x.id === wtA);
      expect(a?.git?.lockFiles).toEqual([join(gitDir, 'index.lock')]);
      expect(a?.warnings.join(' ')).toMatch(/index\.lock/);
    } finally {
      await rm(join(gitDir, 'index.lock'), { force: true });
    }
  });

  it('a worktree deleted while watched → a warning, and the rest keeps working', async () => {
    const r = make();
    await r.start();
    const warned = new Promise<string>((resolve) => r.on('warning', (w) => resolve(w.message)));
    const goneSeen = waitFor(r, (e) => e.records.find((x) => x.id === wtGone && x.worktree?.prunable), 3000);
    await rm(wtGone, { recursive: true, force: true });
    const gone = await goneSeen;
    expect(gone.warnings.join(' ')).toMatch(/gone|no longer exists/);
    expect(await warned).toMatch(/removed|repo-cia-103/);

    const still = waitFor(r, (e) => e.records.find((x) => x.id === wtB && (x.git?.changedFiles ?? 0) > 0));
    await writeFile(join(wtB, 'after.ts'), 'x\n');
    expect((await still).git?.uncommittedFiles).toContain('after.ts');
    await rm(join(wtB, 'after.ts'));
  });

  it('a change the source announces before the first emit (a count that ended while git loaded) is read right after it', async () => {
    let reads = 0;
    let notify: () => void = () => undefined;
    const counted: TranscriptEntry['summary'] = {
      sessionId: 's-9', cwd: wtA, slug: null, gitBranch: null, customTitle: null, aiTitle: null, lastActivityAt: '2026-01-01T00:00:00Z',
      lastAssistantText: null, turnInProgress: false, taskCompleteSeen: false, awaitingPermission: null, usage, costUsd: 0.5,
    };
    const source: ClaudeSource = {
      readLiveSessions: () => Promise.resolve([]),
      readTranscripts: () => {
        reads++;
        // First read: still counting, and the count ends at once, before the registry has emitted anything.
        if (reads === 1) queueMicrotask(() => notify());
        return Promise.resolve([{ path: '/t/s-9.jsonl', summary: { ...counted, fullScanDone: reads > 1 } }]);
      },
      readCccState: () => Promise.resolve(null),
      subscribe(listener) {
        notify = listener;
        return () => (notify = () => undefined);
      },
    };
    const r = make({ claude: source });
    const final = waitFor(r, (e) => e.records.find((x) => x.id === wtA && x.claude?.usageCounting === false), 3000);
    await r.start();
    expect((await final).claude?.usageCounting).toBe(false);
    expect(reads).toBeGreaterThanOrEqual(2);
  });
});
