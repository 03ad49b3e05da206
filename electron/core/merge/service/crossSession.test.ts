import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MergeQueueView } from '../../../../shared/domain/mergeView';
import type { PlanSummary } from '../../../../shared/domain/planState';
import type { SessionRecord } from '../../../../shared/domain/session';
import { defaultSettings } from '../../../../shared/domain/settings';
import { silentLogger } from '../../app/platformActions';
import { applySettingsPatch } from '../../config/settingsFile';
import { emptyAppState } from '../../linear/service/appState.testutil';
import { LinearService } from '../../linear/service/linearService';
import { MemorySecretStore } from '../../linear/service/memorySecretStore';
import { startLinearTestServer, type LinearTestServer } from '../../linear/testServer/server';
import { contentHash } from '../../plans/contentHash';
import { StateStore } from '../../state/stateStore';
import { makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { editLine, repoWithFiles, session } from '../testing/mergeFixtures';
import { MergeService, type MergeLinearSink } from './mergeService';
import { postSessionRecordLine } from '../../plans/reviewGates';
import { appendToSection } from '../../plans/planWriter';

/**
 * §3 Cross-session: "Human arbitration required. Flag in Linear, halt affected sessions until
 * resolved." Three sessions on a real repo; 1A and 1B both edit line 1 of a.txt (git predicts the
 * conflict), 1C works elsewhere. Linear is its test server.
 */

const PLAN = (repo: string) => `# Three sessions

**Parent issue:** [ENG-1: Three sessions](https://linear.app/test/issue/ENG-1)
**Repo:** ${repo}

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | [ENG-2](https://linear.app/test/issue/ENG-2) | A things | 1 | None |
| 1B | [ENG-3](https://linear.app/test/issue/ENG-3) | B things | 1 | None (parallel with 1A) |
| 1C | [ENG-4](https://linear.app/test/issue/ENG-4) | C things | 1 | None (parallel with 1A) |

Merge order: 1A, 1B, 1C

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| sess-a | [ENG-2](https://linear.app/test/issue/ENG-2) | 1A | Claude Code | yes | claude/a | Done |
| sess-b | [ENG-3](https://linear.app/test/issue/ENG-3) | 1B | Claude Code | yes | claude/b | Done |
| sess-c | [ENG-4](https://linear.app/test/issue/ENG-4) | 1C | Claude Code | yes | claude/c | Done |
`;

let repo: TempRepo;
let server: LinearTestServer;
let planPath: string;
let original: string;
let store: StateStore;
let service: MergeService;
let linear: LinearService | null;

function record(path: string, branch: string, issueId: string, phase: string): SessionRecord {
  return {
    id: path,
    name: `sess-${branch.slice(-1)}`,
    worktree: { id: path, path, repoRoot: repo.dir, commonGitDir: join(repo.dir, '.git'), gitDir: null, branch, head: null, detached: false, locked: false, prunable: false, bare: false, isMain: false, source: ['git-worktree-list'] },
    git: { branch, head: null, baseBranch: 'main', baseRef: 'main', ahead: 1, behind: 0, changedFiles: 0, uncommittedFiles: [], dirty: false, lastCommitAt: null, lastCommitSubject: null, mergeInProgress: false, rebaseInProgress: false, lockFiles: [], filesChangedVsBase: [], mergedIntoBase: false, error: null },
    issueId, phase, agent: 'Claude Code', planPath, matchedBy: ['branch'], unmatched: false,
    status: 'done', statusReason: 'done', statusSince: '2026-01-01T00:00:00Z', claude: null, progress: null, collisions: [], warnings: [],
  };
}

function summary(text: string): PlanSummary {
  return {
    path: planPath, fileName: planPath.replace(/^.*\//, ''), folder: planPath.replace(/\/[^/]*$/, ''), source: 'configured', title: 'Three sessions', masterIssue: null, date: null, phases: [],
    verification: { done: 0, total: 0 }, sessions: { done: 0, total: 0 }, naming: { kind: 'structured', violation: false, rule: null, suggestedName: null },
    unlinkedIds: [], linkBase: null, diagnostics: [], contentHash: contentHash(text), mtimeMs: 0, readError: null,
  };
}

async function connect(): Promise<LinearService> {
  const settings = applySettingsPatch(defaultSettings(), { linear: { apiUrl: server.url } });
  const l = new LinearService({ store: new StateStore(emptyAppState(), 0), secretStore: new MemorySecretStore(server.apiKey), settings: () => settings, dataDir: repo.dir, logger: silentLogger, timeoutMs: 2_000, updatePlanContext: () => undefined, updateSettings: async () => settings });
  await l.start();
  await l.whenIdle();
  return l;
}

const view = (): MergeQueueView => Object.values(store.current.merge)[0] as MergeQueueView;
const comments = () => server.store.commentsOf(server.store.findIssue('ENG-1')?.id ?? '');

beforeEach(async () => {
  server = await startLinearTestServer();
  repo = await repoWithFiles();
  const wtA = await session(repo, 'claude/a', { 'a.txt': editLine('a', 1, 'A says so') });
  const wtB = await session(repo, 'claude/b', { 'a.txt': editLine('a', 1, 'B says otherwise') });
  const wtC = await session(repo, 'claude/c', { 'c.txt': editLine('c', 1, 'C elsewhere') });
  planPath = join(await makeTempDir('switchyard-plans-'), '2026-12-02-three-sessions.md');
  original = PLAN(repo.dir);
  await writeFile(planPath, original);
  store = new StateStore(emptyAppState(), 1);
  store.upsert('plans', planPath, summary(original));
  store.upsert('sessions', wtA, record(wtA, 'claude/a', 'ENG-2', '1A'));
  store.upsert('sessions', wtB, record(wtB, 'claude/b', 'ENG-3', '1B'));
  store.upsert('sessions', wtC, record(wtC, 'claude/c', 'ENG-4', '1C'));
  linear = null;
  const sink = (): MergeLinearSink | null => linear;
  service = new MergeService({ store, pollMs: 0, debounceMs: 5, linear: sink });
  await service.start();
  await service.refreshAll();
});

afterEach(async () => {
  await service.stop();
  linear?.stop();
  store.dispose();
  await server.close();
  await repo.cleanup();
});

describe('§3 cross-session conflicts', () => {
  it('flagging two sessions posts one comment on the master issue naming both and the files, records the hold, and holds only their merges until resolved', async () => {
    linear = await connect();
    const id = view().id;
    expect(view().matrix?.cells.find((c) => c.a === 'claude/a' && c.b === 'claude/b')).toMatchObject({ conflicts: true, files: ['a.txt'] });

    const held = await service.flagCrossSessionConflict(id, ['claude/a', 'claude/b'], 'A and B chose different wording for line 1');
    expect(held.holds).toEqual([expect.objectContaining({ kind: 'cross-session', branches: ['claude/a', 'claude/b'], files: ['a.txt'], comment: expect.stringMatching(/^comment posted on \[ENG-1\]\(https:\/\/linear\.app\/test\/issue\/ENG-1\) \(https:\/\/linear\.app\/test\//) })]);
    expect(held.next).toBeNull();

    // Linear: one comment naming both sessions and the file.
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.body).toContain('**sess-a / ENG-2** (`claude/a`) and **sess-b / ENG-3** (`claude/b`) conflict:');
    expect(comments()[0]?.body).toContain('- `a.txt`');

    // The plan: the hold and the comment's fate, under ## Cross-Session Conflicts; the rest unchanged.
    const text = await readFile(planPath, 'utf8');
    expect(text.startsWith(original)).toBe(true);
    expect(text.slice(original.length)).toMatch(
      /^\n## Cross-Session Conflicts\n\n- \S+ — CROSS-SESSION HOLD [0-9a-f]{8}: `claude\/a` vs `claude\/b` — files: `a\.txt` — A and B chose different wording for line 1 \(merges of both sessions wait until the person resolves\)\n- \S+ — Linear [0-9a-f]{8}: comment posted on \[ENG-1\]\(https:\/\/linear\.app\/test\/issue\/ENG-1\) \(\S+\)\n$/,
    );

    // Both sessions' merges are refused with the reason; a third session still merges.
    await expect(service.mergeNext(id)).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/claude\/a is held: a cross-session conflict between claude\/a and claude\/b was flagged \(a\.txt\)/) });
    await expect(service.mergeOutOfOrder(id, 'claude/b', 'B is the one we keep anyway')).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/cross-session conflict/) });
    expect((await service.mergeOutOfOrder(id, 'claude/c', 'C does not touch what A and B fight over')).ok).toBe(true);

    // A second flag of the same pair is refused (no second comment).
    await expect(service.flagCrossSessionConflict(id, ['claude/b', 'claude/a'], 'again')).rejects.toMatchObject({ code: 'refused' });
    expect(comments()).toHaveLength(1);

    // The resolution releases them, and says so on the master issue.
    const released = await service.resolveSemanticConflict(id, held.holds[0]?.id ?? '', 'keep A; B rebases and rewords');
    expect(released.holds).toHaveLength(0);
    expect(released.next).toBe('claude/a');
    expect((await service.mergeNext(id)).ok).toBe(true);
    expect(comments()[1]?.body).toMatch(/Cross-session conflict resolved.*keep A; B rebases and rewords/s);
    expect(await readFile(planPath, 'utf8')).toMatch(/RESOLVED [0-9a-f]{8}: keep A; B rebases and rewords\n/);
  });

  it('Linear not connected: the hold still stands, the plan says the comment was not posted', async () => {
    const held = await service.flagCrossSessionConflict(view().id, ['claude/a', 'claude/b'], '');
    expect(held.holds[0]).toMatchObject({ kind: 'cross-session', comment: 'comment not posted on [ENG-1](https://linear.app/test/issue/ENG-1) (Linear not connected)' });
    expect(await readFile(planPath, 'utf8')).toMatch(/Linear [0-9a-f]{8}: comment not posted on \[ENG-1\]\(https:\/\/linear\.app\/test\/issue\/ENG-1\) \(Linear not connected\)/);
    await expect(service.mergeNext(view().id)).rejects.toMatchObject({ code: 'refused' });
    expect(comments()).toHaveLength(0);
  });
});

describe('§3 post-session review', () => {
  async function rewrite(text: string): Promise<void> {
    await writeFile(planPath, text);
    store.upsert('plans', planPath, summary(text));
    await service.sync();
    await service.refreshAll();
  }

  it('a plan asking for post-session review: a branch merges only once its review is recorded', async () => {
    await rewrite(original.replace('**Repo:**', '**Review:** post-session (Options A-C)\n**Repo:**'));
    expect(view().rows.find((r) => r.branch === 'claude/a')?.postSessionReview).toEqual({ passed: false, record: null });
    expect(view().next).toBeNull();
    await expect(service.mergeNext(view().id)).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/claude\/a waits for its post-session review/) });
    await expect(service.mergeOutOfOrder(view().id, 'claude/c', 'C first, it is small')).rejects.toMatchObject({ message: expect.stringMatching(/claude\/c waits for its post-session review/) });

    const line = postSessionRecordLine({ at: '2026-12-02T03:00:00.000Z', by: 'ana', session: '1A', note: 'PR #7 approved' });
    await rewrite(appendToSection(await readFile(planPath, 'utf8'), '## Review', line));
    expect(view().rows.find((r) => r.branch === 'claude/a')?.postSessionReview).toMatchObject({ passed: true });
    expect(view().rows.find((r) => r.branch === 'claude/b')?.postSessionReview).toMatchObject({ passed: false });
    expect(view().next).toBe('claude/a');
    expect((await service.mergeNext(view().id)).ok).toBe(true);
  });

  it('a Review column asking it of one session only holds that one', async () => {
    await rewrite(original.replace('| Phase | Issues | Focus | Batch | Dependencies |\n|-------|--------|-------|-------|--------------|', '| Phase | Issues | Focus | Batch | Dependencies | Review |\n|-------|--------|-------|-------|--------------|--------|').replace('| 1B | [ENG-3](https://linear.app/test/issue/ENG-3) | B things | 1 | None (parallel with 1A) |', '| 1B | [ENG-3](https://linear.app/test/issue/ENG-3) | B things | 1 | None (parallel with 1A) | post-session |'));
    expect(view().rows.map((r) => r.postSessionReview?.passed ?? null)).toEqual([null, false, null]);
    expect((await service.mergeNext(view().id)).ok).toBe(true);
    await expect(service.mergeOutOfOrder(view().id, 'claude/b', 'B now, rebased later')).rejects.toMatchObject({ message: expect.stringMatching(/claude\/b waits for its post-session review/) });
    expect((await service.mergeOutOfOrder(view().id, 'claude/c', 'C asks for no review')).ok).toBe(true);
  });
});
