import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realTranscript } from '../sessions/claude/realTranscript.testutil';
import { gitSync as git, initWorldRepo, writeWorldFile as write } from './worldFiles';

export interface WorkflowWorld {
  root: string;
  /** The plan file (Phase Map places CIA-542/543 in 2A; its Session Registry names neither). */
  planPath: string;
  /** The finished session's 2 MB transcript. */
  finishedTranscript: string;
  repo: string;
  claudeHome: string;
  dataDir: string;
  planFolder: string;
  worktrees: { finished: string; working: string; fresh: string };
}

const ccc = (issue: string, taskIndex: number, totalTasks: number) =>
  `${JSON.stringify({ linearIssue: issue, phase: 'execution', taskIndex, totalTasks, taskIteration: 1, maxTaskIterations: 5, executionMode: 'tdd' }, null, 2)}\n`;

const PLAN = `# Switchyard sync

## Phase Map

| Phase | Issues | Focus | Batch | Dependencies |
|-------|--------|-------|-------|--------------|
| 1B | [CIA-541](https://linear.app/x/issue/CIA-541) | Registry sync | 1 | None |
| 2A | [CIA-542](https://linear.app/x/issue/CIA-542), [CIA-543](https://linear.app/x/issue/CIA-543) | Merge queue | 2 | 1B |

### Dispatch

| Session | Issue | Focus | Mode | Est. Cost | Agent | Worktree |
|---------|-------|-------|------|-----------|-------|----------|
| S-A | [CIA-541](https://linear.app/x/issue/CIA-541) | Registry sync | tdd | ~$40 | Claude Code | yes |
| S-B | [CIA-542](https://linear.app/x/issue/CIA-542) | Merge queue | tdd | ~$8 | Claude Code | yes |

## Session Registry

| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|--------------|-------|-------|-------|----------|--------|--------|
| lucid-euler | [CIA-540](https://linear.app/x/issue/CIA-540) | 1A | Claude Code | yes | claude/lucid-euler | Done |
`;

/**
 * The world of issue "The plan is the record", as a person has it: a repository whose main checkout
 * holds Claude Code's worktrees in `.claude/worktrees/`, each with the execution loop's untracked
 * `.ccc-state.json`/`.ccc-progress.md` (no .gitignore for them), real-shaped transcripts, and one
 * live registry file (`livePid`, e.g. the test runner's own pid, so it counts as alive).
 */
export function createWorkflowWorld(livePid: number, options: { bigTranscriptBytes?: number } = {}): WorkflowWorld {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'switchyard-workflow-')));
  const repo = join(root, 'switchyard');
  const claudeHome = join(root, 'claude-home');
  const dataDir = join(root, 'data');
  const planFolder = join(root, 'plans');
  mkdirSync(dataDir);
  initWorldRepo(repo, { 'src/shared.ts': 'export const base = 1;\n', 'package-lock.json': '{ "lockfileVersion": 3 }\n', 'README.md': '# switchyard\n' });
  const planPath = join(planFolder, '2026-03-01-switchyard-sync.md');
  write(planPath, PLAN);

  const add = (name: string, branch: string) => {
    const path = join(repo, '.claude', 'worktrees', name);
    git(repo, 'worktree', 'add', '-q', '-b', branch, path);
    return path;
  };
  const finished = add('switchyard-cia-541', 'claude/cia-541-registry-sync');
  const working = add('switchyard-cia-542', 'claude/cia-542-merge-queue');
  const fresh = add('switchyard-cia-543', 'claude/cia-543-queue-docs');
  write(join(repo, '.claude/settings.local.json'), '{ "permissions": { "allow": ["Bash(npm test)"] } }\n');
  write(join(repo, 'scratch.md'), 'notes of the person, not a session\n');
  // The person's own loose edit in the main checkout, on the very file the sessions change.
  write(join(repo, 'src/shared.ts'), 'export const base = 1; // tried something\n');

  write(join(finished, 'src/shared.ts'), 'export const base = 541;\n');
  write(join(finished, 'package-lock.json'), '{ "lockfileVersion": 3, "x": 1 }\n');
  git(finished, 'commit', '-qam', 'CIA-541: registry sync');
  write(join(finished, '.ccc-state.json'), ccc('CIA-541', 4, 4));
  write(join(finished, '.ccc-progress.md'), '# Progress\n- [x] 1\n- [x] 2\n- [x] 3\n- [x] 4\n');

  write(join(working, 'src/shared.ts'), 'export const base = 542;\n');
  write(join(working, 'package-lock.json'), '{ "lockfileVersion": 3, "y": 2 }\n');
  write(join(working, '.ccc-state.json'), ccc('CIA-542', 1, 3));
  write(join(working, '.ccc-progress.md'), '# Progress\n- [x] 1\n');

  write(join(fresh, '.ccc-state.json'), ccc('CIA-543', 0, 2));
  write(join(fresh, '.ccc-progress.md'), '# Progress\n');

  const now = Date.now();
  const project = (cwd: string) => join(claudeHome, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'));
  const finishedId = '6b1f0a52-0000-4000-8000-000000000541';
  const workingId = '6b1f0a52-0000-4000-8000-000000000542';
  const big = realTranscript({ cwd: finished, sessionId: finishedId, gitBranch: 'claude/cia-541-registry-sync', startAt: now - 3 * 3600_000, finished: true, padToBytes: options.bigTranscriptBytes ?? 2 * 1024 * 1024 });
  const finishedTranscript = join(project(finished), `${finishedId}.jsonl`);
  write(finishedTranscript, big.text);
  const small = realTranscript({ cwd: working, sessionId: workingId, gitBranch: 'claude/cia-542-merge-queue', startAt: now - 20_000, finished: false });
  write(join(project(working), `${workingId}.jsonl`), small.text);
  write(
    join(claudeHome, 'sessions', `${livePid}.json`),
    JSON.stringify({ pid: livePid, sessionId: workingId, cwd: working, startedAt: now - 60_000, version: '2.1.38', kind: 'interactive', entrypoint: 'cli', status: 'busy', statusUpdatedAt: now, updatedAt: now }),
  );
  return { root, planPath, finishedTranscript, repo, claudeHome, dataDir, planFolder, worktrees: { finished, working, fresh } };
}
