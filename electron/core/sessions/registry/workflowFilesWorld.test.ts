import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Limiter } from '../../async/limiter';
import { parsePlan } from '../../plans/parsePlan';
import { createWorkflowWorld, type WorkflowWorld } from '../../testing/workflowWorld';
import type { SessionRecord } from '../../../../shared/domain/session';
import { TranscriptTailer } from '../claude/transcriptTailer';
import { planIssuePhases } from '../../plans/planIssuePhases';
import { createClaudeSource } from './createClaudeSource';
import { SessionRegistry } from './sessionRegistry';

/** A background queue that holds every count until `open()`: the first seconds after start, made to last. */
function gatedLimiter(): Limiter & { open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { run: (task) => gate.then(task), active: 0, pending: 0, open: () => open() };
}

/**
 * The world the issue "The plan is the record" was found in (see createWorkflowWorld): the main
 * checkout holds Claude Code's worktrees in `.claude/worktrees/`, each with the execution loop's
 * untracked state files, real-shaped transcripts, and one live registry file (this process's pid).
 */
describe('Sessions on a real repository with workflow state files (world test)', () => {
  let world: WorkflowWorld;
  let finished: string;
  let working: string;
  let waiting: string;
  let registry: SessionRegistry;
  const limiter = gatedLimiter();

  beforeAll(async () => {
    world = createWorkflowWorld(process.pid);
    ({ finished, working, fresh: waiting } = world.worktrees);
    const plan = parsePlan(await readFile(world.planPath, 'utf8'), world.planPath);
    registry = new SessionRegistry({
      claudeHome: world.claudeHome,
      repos: [world.repo],
      claude: createClaudeSource(world.claudeHome, { tailer: { backgroundLimiter: limiter } }),
      watch: false,
      claudePollMs: 0,
      topologyPollMs: 0,
      statusHoldMs: 0,
    });
    // As plansService hands it over, plus the issue → phase placements of the plan.
    registry.setPlanContext({
      rows: plan.sessionRegistry.map((r) => ({ planPath: plan.path, sessionName: r.sessionName, issueId: r.issue?.id ?? null, phase: r.phase, agent: r.agent, branch: r.branch, worktree: r.worktree, status: r.status })),
      estimates: Object.fromEntries(plan.dispatchTables.flatMap((t) => t.rows).flatMap((r) => (r.issue && r.estCostUsd !== null ? [[r.issue.id, r.estCostUsd]] : []))),
      issuePhases: planIssuePhases(plan, plan.path),
    });
    await registry.start();
  }, 60_000);

  afterAll(async () => {
    limiter.open();
    await registry?.stop();
    await rm(world.root, { recursive: true, force: true });
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
    const main = byId(world.repo);
    expect(main.worktree?.isMain).toBe(true);
    expect(main.name).toBe('switchyard');
    expect(main.status).not.toBe('stale');
    expect(main.statusReason).toMatch(/Main checkout/);
    // .claude/worktrees/ and .claude/settings.local.json are Claude Code's, the rest is the person's.
    expect(main.git?.uncommittedFiles).toEqual(['scratch.md', 'src/shared.ts']);
    expect(main.collisions).toEqual([]);
    for (const r of registry.snapshot()) expect(r.collisions.map((c) => c.otherSessionId)).not.toContain(world.repo);
  });

  it('an issue in the Phase Map but not in the Session Registry gets its phase', () => {
    expect(byId(working)).toMatchObject({ issueId: 'CIA-542', phase: '2A', planPath: world.planPath });
    expect(byId(waiting)).toMatchObject({ issueId: 'CIA-543', phase: '2A' });
    expect(byId(finished)).toMatchObject({ issueId: 'CIA-541', phase: '1B' });
  });

  it('a total still being counted says so, then becomes the final number', async () => {
    const before = byId(finished).claude;
    // The flag the table and the detail panel turn into "≥ 14.3M, counting…" (usageText.test.ts).
    expect(before?.usageCounting).toBe(true);
    expect(before?.estimateUsd).toBe(40);

    // The true total, read in one go.
    const full = await new TranscriptTailer(world.finishedTranscript, { maxInitialBytes: Number.MAX_SAFE_INTEGER }).readNew();
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
  }, 30_000);
});
