import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSessionRow } from '../../../../shared/domain/session';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { SessionRegistry } from '../registry/sessionRegistry';

const PLAN = '/plans/lint.md';

function row(extra: Partial<PlanSessionRow>): PlanSessionRow {
  return { planPath: PLAN, sessionName: null, issueId: null, phase: '2', agent: 'Tembo', branch: null, worktree: 'n/a', status: 'Delegated', ...extra };
}

describe('external agents’ sessions in the registry (real repo)', () => {
  let home: string;
  let repo: TempRepo;
  let registry: SessionRegistry | null = null;

  beforeAll(async () => {
    home = await makeTempDir('switchyard-home-');
    repo = await createTempRepo();
    await repo.write('a.ts', 'a\n');
    await repo.commitAll('init');
  });
  afterEach(async () => {
    await registry?.stop();
    registry = null;
  });
  afterAll(async () => {
    await repo.cleanup();
    await rm(home, { recursive: true, force: true });
  });

  const make = () => {
    registry = new SessionRegistry({ claudeHome: home, repos: [repo.dir], claudePollMs: 0, topologyPollMs: 0, watch: false });
    return registry;
  };

  it('a Delegated Tembo row shows "With Tembo"; its branch and ahead count appear after a topology refresh', async () => {
    const r = make();
    r.setPlanContext({ rows: [row({ issueId: 'CIA-562' })], estimates: {} });
    await r.start();
    const id = `agent:${PLAN}#CIA-562`;
    const before = r.snapshot().find((s) => s.id === id);
    expect(before).toMatchObject({ statusWord: 'With Tembo', status: 'working', issueId: 'CIA-562', phase: '2', agent: 'Tembo', worktree: null, git: null });

    // Tembo's branch arrives (as a fetch or the person would leave it), two commits ahead of main.
    const side = await repo.addWorktree(join(home, 'side'), 'tembo/cia-562-lint');
    await gitIn(side, 'commit', '-q', '--allow-empty', '-m', 'lint 1');
    await gitIn(side, 'commit', '-q', '--allow-empty', '-m', 'lint 2');
    await repo.git('worktree', 'remove', '--force', side);
    await r.refreshTopology();

    const after = r.snapshot().find((s) => s.id === id);
    expect(after?.git).toMatchObject({ branch: 'tembo/cia-562-lint', baseRef: 'main', ahead: 2, behind: 0 });
    expect(after?.statusWord).toBe('With Tembo');
    expect(after?.statusReason).toContain('tembo/cia-562-lint');
  });

  it('a remote-only branch counts; Linear says Done; a worktree on the branch is the one record', async () => {
    const r = make();
    const head = (await repo.git('rev-parse', 'HEAD')).trim();
    await repo.git('update-ref', 'refs/remotes/origin/cursor/cia-563', head);
    r.setPlanContext({
      rows: [row({ issueId: 'CIA-563', agent: 'Cursor', status: 'In Progress' }), row({ issueId: 'CIA-570', agent: 'Copilot', branch: 'copilot/cia-570' })],
      estimates: {},
      linearStates: { 'CIA-570': 'completed' },
    });
    await r.start();
    const cursor = r.snapshot().find((s) => s.id === `agent:${PLAN}#CIA-563`);
    expect(cursor).toMatchObject({ status: 'working', statusWord: 'In Progress', agent: 'Cursor' });
    expect(cursor?.git).toMatchObject({ branch: 'cursor/cia-563', ahead: 0 });
    const copilot = r.snapshot().find((s) => s.id === `agent:${PLAN}#CIA-570`);
    expect(copilot).toMatchObject({ status: 'done', git: null });
    expect(copilot?.statusReason).toContain('copilot/cia-570 not here yet');

    // The person checks Copilot's branch out in a worktree: that worktree is the session, not a second row.
    const wt = await repo.addWorktree(join(home, 'worktrees', 'repo-cia-570'), 'copilot/cia-570');
    await r.refreshTopology();
    const ids = r.snapshot().map((s) => s.id);
    expect(ids).toContain(wt);
    expect(ids).not.toContain(`agent:${PLAN}#CIA-570`);
    expect(ids).toContain(`agent:${PLAN}#CIA-563`);
  });

  it('a row delegated while the registry runs finds its branch that is already here', async () => {
    const r = make();
    await r.start();
    const id = `agent:${PLAN}#CIA-562`;
    const seen = new Promise<void>((resolve) => {
      r.on('change', (e) => {
        if (e.records.some((s) => s.id === id && s.git?.branch === 'tembo/cia-562-lint')) resolve();
      });
    });
    r.setPlanContext({ rows: [row({ issueId: 'CIA-562' })], estimates: {} });
    expect(r.snapshot().find((s) => s.id === id)?.statusWord).toBe('With Tembo');
    await seen;
    expect(r.snapshot().find((s) => s.id === id)?.git?.ahead).toBe(2);
  });

  it('rows of Claude Code sessions or with a worktree are not external sessions', async () => {
    const r = make();
    r.setPlanContext({ rows: [row({ issueId: 'CIA-580', agent: 'Claude Code', worktree: null }), row({ issueId: 'CIA-581', worktree: '/x/wt' })], estimates: {} });
    await r.start();
    expect(r.snapshot().filter((s) => s.id.startsWith('agent:'))).toEqual([]);
  });
});
