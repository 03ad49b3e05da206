import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realTranscript } from '../sessions/claude/realTranscript.testutil';
import { gitSync as git, initWorldRepo, writeWorldFile as write } from './worldFiles';

export interface RecordWorld {
  root: string;
  planPath: string;
  repo: string;
  claudeHome: string;
  dataDir: string;
  planFolder: string;
  branches: { a: string; b: string; c: string };
}

const link = (id: string) => `[${id}](https://linear.app/acme/issue/${id})`;

/**
 * A plan written by hand the way a person does (issue "The plan is the record"): its own session
 * labels, a Branch column with hand-made names, a Launch-as cell that breaks §2, a merge order in
 * labels that differs from the Phase Map order, prose before and after every table, and no Session
 * Registry yet. Plus the repository with one worktree per row under `<Claude home>/worktrees`, real
 * commits and real-shaped transcripts.
 */
export function planRecordText(repo: string): string {
  return `# Session exit, dispatch rules and insights

**Parent issue:** ${link('ACME-40')}
**Date:** 2026-11-30
Plugin repo: ${repo}

Three sessions this week. I wrote the table myself after Monday's call.

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1A | ${link('ACME-41')} | Session exit skill | 1 | None |
| 1B | ${link('ACME-42')} | Dispatch rules | 1 | None |
| 1C | ${link('ACME-43')} | Insights v2 | 1 | None |

## Dispatch

S-C goes first: it is the smallest and the others rebase onto it.

| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch | Launch as |
|---------|-------|-------|------|-----------|-------|--------|-----------|
| S-A | ${link('ACME-41')} | Session exit skill | tdd | ~$4 | Claude Code | claude/acme-41-session-exit | Bypass permissions |
| S-B | ${link('ACME-42')} | Dispatch rules | quick | ~$3 | Claude Code | claude/acme-42-rules | Plan mode |
| S-C | ${link('ACME-43')} | Insights v2 | pair | ~$5 | Claude Code | claude/acme-43-insights | Plan mode |

Merge order: S-C, S-A, S-B

> Reminder to self: nobody touches \`skills/dispatch/\` outside S-B.

## Key Files

| File | Purpose |
|------|---------|
| \`skills/session-exit/SKILL.md\` | 1A |
| \`skills/dispatch/rules.md\` | 1B |
| \`skills/insights/README.md\` | 1C |
`;
}

export function createRecordWorld(livePid: number): RecordWorld {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'switchyard-record-')));
  const repo = join(root, 'acme-plugin');
  const claudeHome = join(root, 'claude-home');
  const dataDir = join(root, 'data');
  const planFolder = join(root, 'plans');
  mkdirSync(dataDir);
  initWorldRepo(repo, { 'README.md': '# acme plugin\n' });
  const planPath = join(planFolder, '2026-11-30-acme-session-exit.md');
  write(planPath, planRecordText(repo));

  const branches = { a: 'claude/acme-41-session-exit', b: 'claude/acme-42-rules', c: 'claude/acme-43-insights' };
  const now = Date.now();
  const project = (cwd: string) => join(claudeHome, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
  const session = (issue: string, branch: string, file: string, finished: boolean, n: number) => {
    const path = join(claudeHome, 'worktrees', `acme-plugin-${issue.toLowerCase()}`);
    git(repo, 'worktree', 'add', '-q', '-b', branch, path);
    write(join(path, file), `# ${issue}\n`);
    git(path, 'add', '-A');
    git(path, 'commit', '-q', '-m', `${issue}: work`);
    write(join(path, '.ccc-state.json'), `${JSON.stringify({ linearIssue: issue, phase: 'execution', taskIndex: finished ? 2 : 1, totalTasks: 2 })}\n`);
    const id = `7c2f0a52-0000-4000-8000-00000000004${n}`;
    const t = realTranscript({ cwd: path, sessionId: id, gitBranch: branch, startAt: now - (finished ? 3 : 1) * 3600_000, finished });
    write(join(project(path), `${id}.jsonl`), t.text);
    return { path, id };
  };
  session('ACME-41', branches.a, 'skills/session-exit/SKILL.md', true, 1);
  const working = session('ACME-42', branches.b, 'skills/dispatch/rules.md', false, 2);
  session('ACME-43', branches.c, 'skills/insights/README.md', true, 3);
  write(
    join(claudeHome, 'sessions', `${livePid}.json`),
    JSON.stringify({ pid: livePid, sessionId: working.id, cwd: working.path, startedAt: now - 60_000, version: '2.1.38', kind: 'interactive', entrypoint: 'cli', status: 'busy', statusUpdatedAt: now, updatedAt: now }),
  );
  return { root, planPath, repo, claudeHome, dataDir, planFolder, branches };
}
