import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Limiter } from '../../async/limiter';
import { parsePlan } from '../../plans/parsePlan';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import type { SessionRecord } from '../../../../shared/domain/session';
import { tokensText, costText } from '../../../../renderer/src/views/sessions/usageText';
import { realTranscript } from '../claude/realTranscript.testutil';
import { TranscriptTailer } from '../claude/transcriptTailer';
import { planIssuePhases } from '../identity/planIssuePhases';
import { createClaudeSource } from './createClaudeSource';
import { SessionRegistry } from './sessionRegistry';

/**
 * The world the issue "The plan is the record" was found in: a repository whose main checkout holds
 * Claude Code's worktrees in `.claude/worktrees/`, each worktree carrying the execution loop's
 * untracked `.ccc-state.json` / `.ccc-progress.md`, real-shaped transcripts, and a live registry file.
 */

const PLAN = `# Switchyard sync

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1B | [CIA-541](https://linear.app/x/issue/CIA-541) | Registry sync | 1 | None |
| 2A | [CIA-542](https://linear.app/x/issue/CIA-542), [CIA-543](https://linear.app/x/issue/CIA-543) | Merge queue | 2 | 1B |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| lucid-euler | [CIA-540](https://linear.app/x/issue/CIA-540) | 1A | Claude Code | yes | claude/lucid-euler | Done |
`;

const FINISHED_ID = '6b1f0a52-0000-4000-8000-000000000541';
const WORKING_ID = '6b1f0a52-0000-4000-8000-000000000542';

function cccState(issue: string, taskIndex: number, totalTasks: number): string {
  return `${JSON.stringify({ linearIssue: issue, phase: 'execution', taskIndex, totalTasks, taskIteration: 1, maxTaskIterations: 5, executionMode: 'tdd', gatesPassed: ['spec', 'review'] }, null, 2)}\n`;
}

/** A background queue that holds every count until `open()`: the first seconds after start, made to last. */
function gatedLimiter(): Limiter & { open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { run: (task) => gate.then(task), active: 0, pending: 0, open: () => open() };
}

describe('Sessions on a real repository with workflow state files (world test)', () => {
  let root: string;
  let repo: TempRepo;
  let home: string;
  let finished: string;
  let working: string;
  let waiting: string;
  let registry: SessionRegistry;
  let finishedTranscript: string;
  const limiter = gatedLimiter();

  beforeAll(async () => {
    root = await makeTempDir('switchyard-world-');
    home = join(root, 'claude-home');
    repo = await createTempRepo({ dir: join(root, 'switchyard') });
    await repo.write('src/shared.ts', 'export const base = 1;\n');
    await repo.write('package-lock.json', '{ "lockfileVersion": 3 }\n');
    await repo.write('README.md', '# app\n');
    await repo.commitAll('init');

    // Claude Code's CLI puts worktrees under the main checkout's .claude/worktrees/.
    finished = await repo.addWorktree(join(repo.dir, '.claude/worktrees/switchyard-cia-541'), 'claude/cia-541-registry-sync');
    working = await repo.addWorktree(join(repo.dir, '.claude/worktrees/switchyard-cia-542'), 'claude/cia-542-merge-queue');
    waiting = await repo.addWorktree(join(repo.dir, '.claude/worktrees/switchyard-cia-543'), 'claude/cia-543-queue-docs');
    await repo.write('.claude/settings.local.json', '{ "permissions": { "allow": ["Bash(npm test)"] } }\n');
    // The person's own loose work in the main checkout, on the same file the sessions change.
    await repo.write('src/shared.ts', 'export const base = 1; // tried something\n');
    await repo.write('scratch.md', 'notes\n');

    // Finished: every change committed (a source file and the lock file), all tasks done, TASK_COMPLETE, no process.
    await writeFile(join(finished, 'src/shared.ts'), 'export const base = 541;\n');
    await writeFile(join(finished, 'package-lock.json'), '{ "lockfileVersion": 3, "x": 1 }\n');
    await gitIn(finished, 'commit', '-qam', 'CIA-541: registry sync');
    await writeFile(join(finished, '.ccc-state.json'), cccState('CIA-541', 4, 4));
    await writeFile(join(finished, '.ccc-progress.md'), '# Progress\n- [x] 1\n- [x] 2\n- [x] 3\n- [x] 4\n');

    // Working: the same source file and lock file changed, not yet committed; a live Claude process.
    await writeFile(join(working, 'src/shared.ts'), 'export const base = 542;\n');
    await writeFile(join(working, 'package-lock.json'), '{ "lockfileVersion": 3, "y": 2 }\n');
    await writeFile(join(working, '.ccc-state.json'), cccState('CIA-542', 1, 3));
    await writeFile(join(working, '.ccc-progress.md'), '# Progress\n- [x] 1\n');

    // Third: only its state files, nothing of its own yet, no process (named only by .ccc-state.json's issue).
    await writeFile(join(waiting, '.ccc-state.json'), cccState('CIA-543', 0, 2));
    await writeFile(join(waiting, '.ccc-progress.md'), '# Progress\n');

    const projects = join(home, 'projects');
    const now = Date.now();
    // A long finished session: 2 MB, far beyond the 512 KB the tailer reads first.
    const big = realTranscript({ cwd: finished, sessionId: FINISHED_ID, gitBranch: 'claude/cia-541-registry-sync', startAt: now - 3 * 3600_000, finished: true, padToBytes: 2 * 1024 * 1024 });
    finishedTranscript = join(projects, finished.replace(/[^A-Za-z0-9]/g, '-'), `${FINISHED_ID}.jsonl`);
    await mkdir(join(finishedTranscript, '..'), { recursive: true });
    await writeFile(finishedTranscript, big.text);
    const small = realTranscript({ cwd: working, sessionId: WORKING_ID, gitBranch: 'claude/cia-542-merge-queue', startAt: now - 20_000, finished: false });
    await mkdir(join(projects, working.replace(/[^A-Za-z0-9]/g, '-')), { recursive: true });
    await writeFile(join(projects, working.replace(/[^A-Za-z0-9]/g, '-'), `${WORKING_ID}.jsonl`), small.text);
    await mkdir(join(home, 'sessions'), { recursive: true });
    await writeFile(
      join(home, 'sessions', `${process.pid}.json`),
      JSON.stringify({ pid: process.pid, sessionId: WORKING_ID, cwd: working, startedAt: now - 60_000, version: '2.1.38', kind: 'interactive', entrypoint: 'cli', status: 'busy', statusUpdatedAt: now - 1000, updatedAt: now - 1000 }),
    );

    const plan = parsePlan(PLAN, join(root, 'plans', 'sync.md'));
    registry = new SessionRegistry({
      claudeHome: home,
      repos: [repo.dir],
      claude: createClaudeSource(home, { tailer: { backgroundLimiter: limiter } }),
      watch: false,
      claudePollMs: 0,
      topologyPollMs: 0,
      statusHoldMs: 0,
    });
    registry.setPlanContext({
      rows: plan.sessionRegistry.map((r) => ({ planPath: plan.path, sessionName: r.sessionName, issueId: r.issue?.id ?? null, phase: r.phase, agent: r.agent, branch: r.branch, worktree: r.worktree, status: r.status })),
      estimates: { 'CIA-541': 6 },
      issuePhases: planIssuePhases(plan, plan.path),
    });
    await registry.start();
  }, 60_000);

  afterAll(async () => {
    limiter.open();
    await registry?.stop();
    await rm(root, { recursive: true, force: true });
  });

  const byId = (id: string): SessionRecord => {
    const r = registry.snapshot().find((s) => s.id === id);
    if (!r) throw new Error(`no record for ${id}; have ${registry.snapshot().map((s) => s.id).join(', ')}`);
    return r;
  };

  it('the finished session is Done, not Stale: its state files are not uncommitted work', () => {
    const r = byId(finished);
    expect(r.git?.uncommittedFiles).toEqual([]);
    expect(r.git?.changedFiles).toBe(0);
    expect(r.status).toBe('done');
    expect(r.statusReason).toMatch(/TASK_COMPLETE/);
    expect(r.progress).toEqual({ done: 4, total: 4 });
  });

  it('the session with nothing of its own is idle, not Stale', () => {
    const r = byId(waiting);
    expect(r.git?.changedFiles).toBe(0);
    expect(r.status).not.toBe('stale');
  });

  it('the working session counts only its real files and is Working', () => {
    const r = byId(working);
    expect(r.git?.uncommittedFiles).toEqual(['package-lock.json', 'src/shared.ts']);
    expect(r.status).toBe('working');
  });

  it('no collision on .ccc-state.json; the real source file is listed first', () => {
    for (const id of [finished, working, waiting]) {
      expect(byId(id).collisions.map((c) => c.file)).not.toContain('.ccc-state.json');
      expect(byId(id).collisions.map((c) => c.file)).not.toContain('.ccc-progress.md');
    }
    expect(byId(finished).collisions.map((c) => [c.file, c.otherSessionId])).toEqual([
      ['src/shared.ts', working],
      ['package-lock.json', working],
    ]);
    expect(byId(working).collisions[0]).toMatchObject({ file: 'src/shared.ts', otherSessionId: finished });
    expect(byId(waiting).collisions).toEqual([]);
  });

  it('the main checkout is the repository, not a session: never Stale, in no collision', () => {
    const main = byId(repo.dir);
    expect(main.worktree?.isMain).toBe(true);
    expect(main.status).not.toBe('stale');
    expect(main.statusReason).toMatch(/Main checkout/);
    // .claude/worktrees/ and .claude/settings.local.json are Claude Code's, the rest is the person's.
    expect(main.git?.uncommittedFiles).toEqual(['scratch.md', 'src/shared.ts']);
    expect(main.collisions).toEqual([]);
    for (const r of registry.snapshot()) expect(r.collisions.map((c) => c.otherSessionId)).not.toContain(repo.dir);
  });

  it('an issue in the Phase Map but not in the Session Registry gets its phase', () => {
    expect(byId(working)).toMatchObject({ issueId: 'CIA-542', phase: '2A', planPath: join(root, 'plans', 'sync.md') });
    expect(byId(waiting)).toMatchObject({ issueId: 'CIA-543', phase: '2A' });
    expect(byId(finished)).toMatchObject({ issueId: 'CIA-541', phase: '1B' });
  });

  it('a total still being counted says so, then becomes the final number', async () => {
    const before = byId(finished).claude;
    expect(before?.usageCounting).toBe(true);
    expect(tokensText(before)).toMatch(/^≥ /);
    expect(costText(before)).toMatch(/^≥ \$[\d.,]+ \/ ~\$6$/);

    // The true total, read in one go.
    const full = await new TranscriptTailer(finishedTranscript, { maxInitialBytes: Number.MAX_SAFE_INTEGER }).readNew();
    const total = (u: NonNullable<typeof before>['usage']) => (u ? u.input + u.output + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead : 0);
    expect(total(before?.usage ?? null)).toBeLessThan(total(full.summary.usage) / 2);

    // The count finishes with no file event and no poll: the source says so and the registry re-reads.
    const counted = new Promise<SessionRecord>((resolve) => {
      const off = registry.on('change', (e) => {
        const r = e.records.find((x) => x.id === finished);
        if (r && !r.claude?.usageCounting) {
          off();
          resolve(r);
        }
      });
    });
    limiter.open();
    const after = (await counted).claude;
    expect(after?.usageCounting).toBe(false);
    expect(after?.usage).toEqual(full.summary.usage);
    expect(after?.costUsd).toBeCloseTo(full.summary.costUsd, 6);
    expect(tokensText(after)).not.toMatch(/≥/);
    expect(costText(after)).toMatch(/^\$[\d.,]+ \/ ~\$6$/);
  }, 30_000);
});
