import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import { launchKey } from '../../../shared/domain/launch';
import { gitIn } from '../testing/tempRepo';
import { launchWorld, type LaunchWorld } from './launch.testutil';

let world: LaunchWorld;
beforeEach(async () => {
  world = await launchWorld();
});
afterEach(async () => {
  await world.cleanup();
});

const WORKTREE_2A = () => join(world.claudeHome, 'worktrees', 'claude-command-centre-cia-545');
const WORKTREE_2B = () => join(world.claudeHome, 'worktrees', 'claude-command-centre-cia-546');

async function refusal(promise: Promise<unknown>): Promise<RpcFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcFailure) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function branches(): Promise<string[]> {
  return (await world.repo.git('branch', '--format=%(refname:short)')).split('\n').filter(Boolean);
}

describe('launch.start', () => {
  it('launches an approved row: worktree on its branch from the base, .worktreeinclude files only, claude with the prompt and mode, the registry row, the real name', async () => {
    await world.approve(2);
    const argsFile = join(world.root, 'args.json');
    // Slow steps: the placeholder row is read before the stand-in names itself (at 150 ms it raced a busy machine).
    const service = world.service({ env: { FAKE_CLAUDE_ARGS_FILE: argsFile }, stepMs: 600 });
    const mainHead = (await world.repo.git('rev-parse', 'main')).trim();
    const record = await service.start(world.planPath, '2A');

    // The worktree on the recorded branch, made from main.
    expect(record.worktreePath).toBe(WORKTREE_2A());
    expect(record.branch).toBe('claude/cia-545-merge-console');
    expect((await gitIn(WORKTREE_2A(), 'rev-parse', '--abbrev-ref', 'HEAD')).trim()).toBe('claude/cia-545-merge-console');
    expect((await gitIn(WORKTREE_2A(), 'rev-parse', 'HEAD')).trim()).toBe(mainHead);
    expect((await world.repo.git('config', 'branch.claude/cia-545-merge-console.switchyardBase')).trim()).toBe('main');

    // Only files listed in .worktreeinclude AND untracked are copied.
    expect(await readFile(join(WORKTREE_2A(), '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(await readFile(join(WORKTREE_2A(), 'config/db.local'), 'utf8')).toBe('db=local\n');
    expect(existsSync(join(WORKTREE_2A(), 'notes.txt'))).toBe(false);
    expect(existsSync(join(WORKTREE_2A(), 'other.local'))).toBe(false);
    expect((await gitIn(WORKTREE_2A(), 'status', '--porcelain')).trim()).toBe('');

    // claude ran in the worktree with the row's prompt, mode and our settings file (never the user's).
    const args = JSON.parse(await until(() => readFile(argsFile, 'utf8').catch(() => ''), (t) => t !== '')) as { cwd: string; prompt: string; mode: string; settingsPath: string };
    expect(args.cwd).toBe(WORKTREE_2A());
    expect(args.mode).toBe('bypassPermissions');
    expect(args.prompt).toBe(world.store.current.dispatch[world.planPath]?.prompts['2A']?.text);
    expect(args.settingsPath.startsWith(join(world.dataDir, 'launches'))).toBe(true);
    const settings = JSON.parse(await readFile(args.settingsPath, 'utf8')) as { hooks: Record<string, { hooks: { type: string; url: string }[] }[]> };
    expect(Object.keys(settings.hooks).sort()).toEqual(['Notification', 'SessionStart', 'Stop', 'StopFailure']);
    expect(settings.hooks.Stop?.[0]?.hooks[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/[A-Za-z0-9_-]{20,}$/);
    expect(existsSync(join(world.claudeHome, 'settings.json'))).toBe(false);

    // The registry row says Active with the branch — under the placeholder name until the session names
    // itself (on a loaded machine that can already have happened by now: the name is checked below).
    const plan = await readFile(world.planPath, 'utf8');
    expect(plan).toMatch(/\| claude-command-centre-cia-545(-snug-otter)? +\| \[CIA-545\][^\n]*\| claude\/cia-545-merge-console +\| Active +\|/);
    expect(world.store.current.launches[launchKey(world.planPath, '2A')]?.phase).toBe('running');

    // Hooks arrive, the terminal shows output, the process exits, and the real name replaces the placeholder.
    const done = await until(() => world.store.current.launches[record.id], (l) => l?.phase === 'exited');
    expect(done?.lastHook).toBe('Stop');
    const output = world.events.filter((e) => e.event === 'terminal.data').map((e) => (e.payload as { data: string }).data).join('');
    expect(output).toContain('Claude Code (stand-in)');
    expect(service.attach(record.id).scrollback).toContain('TASK_COMPLETE');
    const renamed = await until(() => readFile(world.planPath, 'utf8'), (t) => t.includes('claude-command-centre-cia-545-snug-otter'));
    expect(renamed).not.toMatch(/\| cia-545-merge-console +\|/);
    expect(world.store.current.launches[record.id]?.sessionName).toBe('claude-command-centre-cia-545-snug-otter');
  });

  it('refuses a second launch of the same row, and after a restart refuses the existing folder', async () => {
    await world.approve(2);
    const service = world.service({ stepMs: 2000 });
    await service.start(world.planPath, '2A');
    const again = await refusal(service.start(world.planPath, '2A'));
    expect(again.code).toBe('refused');
    expect(again.message).toMatch(/already launched/);
    // The batch goes on with the rows not launched yet; 2B's folder is taken, so it stops there and says why.
    await mkdir(WORKTREE_2B(), { recursive: true });
    await writeFile(join(WORKTREE_2B(), 'x'), 'x');
    const batch = await service.startBatch(world.planPath, 2);
    expect(batch.launched).toEqual([]);
    expect(batch.refused).toMatchObject({ session: '2B', reason: expect.stringMatching(/already exists and is not empty/) });

    // Keystrokes reach the session's terminal.
    const id = launchKey(world.planPath, '2A');
    await until(() => service.attach(id).scrollback, (t) => t.includes('press any key'));
    service.input(id, 'y');
    await until(() => service.attach(id).scrollback, (t) => t.includes('you typed: "y"'));
    service.resize(id, 100, 30);
    expect(service.attach(id)).toMatchObject({ cols: 100, rows: 30 });

    world.store.remove('launches', launchKey(world.planPath, '2A')); // as after a restart of Switchyard
    const fresh = world.service();
    const second = await refusal(fresh.start(world.planPath, '2A'));
    expect(second.message).toMatch(/already exists and is not empty/);
  });

  it('refuses a folder that exists and is not empty, and leaves nothing behind', async () => {
    await world.approve(2);
    await mkdir(WORKTREE_2B(), { recursive: true });
    await writeFile(join(WORKTREE_2B(), 'precious.txt'), 'mine\n');
    const before = await branches();
    const service = world.service();
    const error = await refusal(service.start(world.planPath, '2B'));
    expect(error.message).toMatch(/already exists and is not empty/);
    expect(await readdir(WORKTREE_2B())).toEqual(['precious.txt']);
    expect(await branches()).toEqual(before);
    expect(existsSync(join(world.dataDir, 'launches'))).toBe(false);
    expect(world.store.current.launches).toEqual({});
  });

  it('refuses a branch that exists with commits of its own', async () => {
    await world.approve(2);
    await world.repo.git('branch', 'claude/cia-546-release-notes');
    await world.repo.addWorktree(join(world.root, 'elsewhere'), 'tmp-other');
    await gitIn(join(world.root, 'elsewhere'), 'checkout', '-q', 'claude/cia-546-release-notes');
    await writeFile(join(world.root, 'elsewhere', 'x.txt'), 'x');
    await gitIn(join(world.root, 'elsewhere'), 'add', 'x.txt');
    await gitIn(join(world.root, 'elsewhere'), 'commit', '-q', '-m', 'someone else');
    const error = await refusal(world.service().start(world.planPath, '2B'));
    expect(error.message).toMatch(/already exists with 1 commit\(s\) not on main/);
    expect(existsSync(WORKTREE_2B())).toBe(false);
  });

  it('with no claude on PATH: refused with the install hint, nothing created', async () => {
    await world.approve(2);
    const service = world.service({ path: '/nonexistent-bin' });
    expect(await service.check()).toMatchObject({ found: false, hint: expect.stringContaining('npm install -g @anthropic-ai/claude-code') });
    const before = await branches();
    const error = await refusal(service.start(world.planPath, '2A'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('npm install -g @anthropic-ai/claude-code');
    expect(existsSync(WORKTREE_2A())).toBe(false);
    expect(await branches()).toEqual(before);
  });

  it('refuses rows of a batch that is not approved, and external agents', async () => {
    const service = world.service();
    const error = await refusal(service.start(world.planPath, '2A'));
    expect(error.message).toMatch(/Batch 2 is draft, not approved/);
    expect(existsSync(WORKTREE_2A())).toBe(false);

    await world.approve(2);
    const d = world.store.current.dispatch[world.planPath];
    if (!d) throw new Error('no dispatch state');
    world.store.upsert('dispatch', world.planPath, { ...d, rows: d.rows.map((r) => (r.session === '2B' ? { ...r, agent: 'Tembo', worktree: 'n/a' as const } : r)) });
    const external = await refusal(service.start(world.planPath, '2B'));
    expect(external.message).toMatch(/Tembo, which works in its own sandbox: delegate it/);
    expect(existsSync(WORKTREE_2B())).toBe(false);
  });

  it('§3: an approved batch still waits for a pre-dispatch review the plan asks for, until it is recorded passed', async () => {
    const service = world.service();
    await world.approve(2);
    const text = await readFile(world.planPath, 'utf8');
    await writeFile(world.planPath, text.replace(/^(\*\*Date:\*\*.*)$/m, '$1\n**Review:** pre-dispatch'));
    await world.plans.refresh();
    const error = await refusal(service.start(world.planPath, '2A'));
    expect(error.message).toMatch(/2A waits for the pre-dispatch review: Batch 2 waits for the pre-dispatch review to pass Gate 2/);
    expect(existsSync(WORKTREE_2A())).toBe(false);

    await world.plans.recordReview({ planPath: world.planPath, timing: 'pre-dispatch', outcome: 'passed', note: 'spec review 1' });
    const launched = await service.start(world.planPath, '2A');
    expect(launched.worktreePath).toBe(WORKTREE_2A());
  });

  it('refuses a synthesis row whose Research Sufficiency gate stands, unless the approval overrode it', async () => {
    const service = world.service();
    await world.approve(2);
    const d = world.store.current.dispatch[world.planPath];
    if (!d) throw new Error('no dispatch state');
    const gate = { rule: 'research.sufficiency', ruleText: '…', severity: 'error' as const, where: { batch: 2, phases: ['2A'] }, message: 'Synthesis waits for the Research Sufficiency Assessment: INSUFFICIENT — gaps: Q3 cost model (synthesis 2A: …).' };
    world.store.upsert('dispatch', world.planPath, { ...d, violations: [...d.violations, gate] });
    const error = await refusal(service.start(world.planPath, '2A'));
    expect(error.message).toContain('Synthesis waits for the Research Sufficiency Assessment: INSUFFICIENT — gaps: Q3 cost model');
    expect(error.message).toContain('approve batch 2 again with an override reason');
    expect(existsSync(WORKTREE_2A())).toBe(false);

    // The approval that overrode the gate names its rule among the overridden ones.
    const note = d.batchStates.find((b) => b.index === 2)?.note ?? '';
    expect(note).toMatch(/OVERRIDE of \d+ violation\(s\) \(/);
    const overridden = d.batchStates.map((b) => (b.index === 2 ? { ...b, note: note.replace(/(OVERRIDE of \d+ violation\(s\) \([^)]*)\)/, '$1, research.sufficiency)') } : b));
    world.store.upsert('dispatch', world.planPath, { ...d, violations: [...d.violations, gate], batchStates: overridden });
    await expect(service.start(world.planPath, '2A')).resolves.toMatchObject({ session: '2A' });
  });

  it('undoes the worktree and branch when a later step fails', async () => {
    await world.approve(2);
    const notAFolder = join(world.root, 'data-file');
    await writeFile(notAFolder, 'a file where the data folder should be');
    const before = await branches();
    const error = await refusal(world.service({ dataDir: notAFolder }).start(world.planPath, '2A'));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/undone/);
    expect(existsSync(WORKTREE_2A())).toBe(false);
    expect(await branches()).toEqual(before);
    expect((await world.repo.git('worktree', 'list', '--porcelain')).includes('cia-545')).toBe(false);
    expect(world.store.current.launches).toEqual({});
  });

  it('with --no-terminal the session runs but its terminal is not streamed; Linear hears "started"', async () => {
    await world.approve(2);
    const started: string[] = [];
    const service = world.service({ terminal: false, startedIssues: started });
    const record = await service.start(world.planPath, '2A');
    expect(record.terminal).toBe(false);
    expect(started).toEqual(['CIA-545']);
    await until(() => world.store.current.launches[record.id], (l) => l?.phase === 'exited');
    expect(world.events.filter((e) => e.event === 'terminal.data' || e.event === 'terminal.exit')).toEqual([]);
    expect(() => service.attach(record.id)).toThrow(/--no-terminal/);
    expect(() => service.input(record.id, 'x')).toThrow(/--no-terminal/);
  });

  it('refuses beyond the cap of sessions running at once', async () => {
    await world.approve(2);
    const running = { planPath: world.planPath, session: 'x', issueId: '', repoPath: '', worktreePath: '', branch: '', base: '', command: '', permissionMode: 'plan', sessionName: '', pid: 1, phase: 'running' as const, exitCode: null, startedAt: '', lastHook: null, terminal: true, warnings: [] };
    for (const n of [1, 2, 3]) world.store.upsert('launches', `other#${n}`, { ...running, id: `other#${n}` });
    const error = await refusal(world.service().start(world.planPath, '2A'));
    expect(error.message).toMatch(/3 launched sessions are running: the implementation cap is 3/);
    expect(existsSync(WORKTREE_2A())).toBe(false);
  });

  it('launches a whole batch in turn', async () => {
    await world.approve(2);
    const result = await world.service().startBatch(world.planPath, 2);
    expect(result.refused).toBeNull();
    expect(result.launched.map((l) => l.session)).toEqual(['2A', '2B']);
    expect(existsSync(WORKTREE_2A())).toBe(true);
    expect(existsSync(WORKTREE_2B())).toBe(true);
    expect(await readFile(world.planPath, 'utf8')).toMatch(/\| claude\/cia-546-release-notes +\| Active +\|/);
  });
});
