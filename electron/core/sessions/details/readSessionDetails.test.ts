import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../../shared/domain/session';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { planTitleOf } from './readPlanTitle';
import { readSessionDetails, resumeCommandFor } from './readSessionDetails';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function record(over: Partial<SessionRecord> & { path: string; transcriptPath?: string | null; sessionId?: string | null }): SessionRecord {
  return {
    id: over.path,
    name: 'brave-hopper',
    worktree: { id: over.path, path: over.path, repoRoot: over.path, commonGitDir: '', gitDir: null, branch: 'claude/x', head: null, detached: false, locked: false, prunable: false, bare: false, isMain: false, source: ['git-worktree-list'] },
    git: over.git ?? null,
    issueId: null,
    phase: null,
    agent: null,
    planPath: over.planPath ?? null,
    matchedBy: [],
    unmatched: true,
    status: 'working',
    statusReason: '',
    statusSince: '2026-01-01T00:00:00Z',
    claude: {
      sessionId: over.sessionId ?? null,
      pid: null,
      liveStatus: null,
      alive: false,
      transcriptPath: over.transcriptPath ?? null,
      lastActivityAt: null,
      lastAssistantText: null,
      usage: null,
      costUsd: null,
      estimateUsd: null,
      usageCounting: false,
    },
    progress: null,
    collisions: [],
    warnings: [],
  };
}

async function repoWithWorktree(): Promise<{ repo: TempRepo; wt: string }> {
  const repo = await createTempRepo();
  cleanups.push(() => repo.cleanup());
  await repo.write('README.md', '# r\n');
  await repo.commitAll('Initial');
  const wt = await repo.addWorktree(join(repo.dir, '.claude', 'worktrees', 'wt'), 'claude/cia-9-thing');
  await writeFile(join(wt, 'a.txt'), 'a\n');
  await gitIn(wt, 'add', '-A');
  await gitIn(wt, 'commit', '-q', '-m', 'Add a');
  await writeFile(join(wt, 'b.txt'), 'b\n');
  await gitIn(wt, 'add', '-A');
  await gitIn(wt, 'commit', '-q', '-m', 'Add b: with a colon');
  await writeFile(join(wt, 'README.md'), '# changed\n');
  await writeFile(join(wt, 'new.txt'), 'untracked\n');
  return { repo, wt };
}

describe('readSessionDetails', () => {
  it('reads commits, changed files, transcript tail, plan and the resume command of a real worktree', async () => {
    const { wt } = await repoWithWorktree();
    const dir = await makeTempDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const transcriptPath = join(dir, 's.jsonl');
    await writeFile(
      transcriptPath,
      [
        JSON.stringify({ type: 'user', timestamp: '2026-01-01T00:00:00Z', message: { content: 'Add a and b' } }),
        JSON.stringify({ type: 'assistant', timestamp: '2026-01-01T00:00:05Z', message: { content: [{ type: 'tool_use', id: 't1', name: 'Write', input: { file_path: 'a.txt' } }] } }),
        JSON.stringify({ type: 'assistant', timestamp: '2026-01-01T00:00:09Z', message: { content: [{ type: 'text', text: 'Both files are written.' }] } }),
        '{"type":"assistant","mess',
      ].join('\n'),
    );
    const planPath = join(dir, 'plan.md');
    await writeFile(planPath, '**Date:** x\n\n# Dispatch console for parallel sessions\n\n## Phase Map\n');

    const details = await readSessionDetails(
      record({ path: wt, transcriptPath, planPath, sessionId: '0b5c-42', git: { ...emptyFacts(), baseRef: 'main' } }),
    );
    expect(details.commits.map((c) => c.subject)).toEqual(['Add b: with a colon', 'Add a', 'Initial']);
    expect(details.commits[0]?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(details.commits[0]?.author).toBe('Switchyard Test');
    expect(Number.isNaN(Date.parse(details.commits[0]?.at ?? ''))).toBe(false);
    expect(details.uncommitted).toEqual(['README.md', 'new.txt']);
    expect(details.changedVsBase).toEqual(['a.txt', 'b.txt']);
    expect(details.transcriptTail.map((e) => [e.role, e.text])).toEqual([
      ['user', 'Add a and b'],
      ['tool', 'Write: a.txt'],
      ['assistant', 'Both files are written.'],
    ]);
    expect(details.lastAssistantText).toBe('Both files are written.');
    expect(details.plan).toEqual({ path: planPath, title: 'Dispatch console for parallel sessions' });
    expect(details.resumeCommand).toBe('claude --resume 0b5c-42');
    expect(details.problems).toEqual([]);
  });

  it('reports what it cannot read and still returns the rest', async () => {
    const dir = await makeTempDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const gone = join(dir, 'not-a-repo');
    await mkdir(gone);
    const details = await readSessionDetails(record({ path: gone, transcriptPath: join(dir, 'missing.jsonl'), git: { ...emptyFacts(), baseRef: 'main' } }));
    expect(details.commits).toEqual([]);
    expect(details.uncommitted).toEqual([]);
    expect(details.resumeCommand).toBeNull();
    expect(details.problems.some((p) => p.startsWith('git log'))).toBe(true);
    expect(details.problems.some((p) => p.startsWith('Transcript unreadable'))).toBe(true);
  });
});

describe('pure helpers', () => {
  it('finds the first heading of a plan', () => {
    expect(planTitleOf('intro\n# Title here #\n# Second')).toBe('Title here');
    expect(planTitleOf('## only h2')).toBeNull();
  });
  it('quotes an odd session id for the shell', () => {
    expect(resumeCommandFor("a b'c")).toBe(`claude --resume 'a b'\\''c'`);
    expect(resumeCommandFor(null)).toBeNull();
  });
});

function emptyFacts(): NonNullable<SessionRecord['git']> {
  return {
    branch: null, head: null, baseBranch: null, baseRef: null, ahead: 0, behind: 0, changedFiles: 0, uncommittedFiles: [], dirty: false,
    lastCommitAt: null, lastCommitSubject: null, mergeInProgress: false, rebaseInProgress: false, lockFiles: [], filesChangedVsBase: [], mergedIntoBase: false, error: null,
  };
}
