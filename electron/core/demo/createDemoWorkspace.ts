import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addAll } from '../git/add';
import { commit } from '../git/commit';
import { setConfig } from '../git/config';
import { init } from '../git/init';
import { worktreeAdd } from '../git/worktreeAdd';
import { demoMasterPlan, demoRandomlyNamedPlan } from './demoPlan';
import { demoTranscriptLines, type DemoTurn } from './demoTranscript';

export interface DemoWorkspace {
  root: string;
  claudeHome: string;
  repoPath: string;
  dataDir: string;
  planPath: string;
  worktrees: { name: string; path: string; branch: string; sessionId: string }[];
}

interface DemoSession {
  folder: string;
  branch: string;
  sessionName: string;
  commits: { message: string; files: Record<string, string> }[];
  uncommitted?: Record<string, string>;
  live?: { pidSource: 'self' | 'parent'; status: 'busy' | 'waiting' | 'idle' };
  ccc?: Record<string, unknown>;
  turns: DemoTurn[];
  minutesAgo: number;
}

const GO_COMMAND_BASE = `# /go

Runs the workflow for one issue.

## Steps

1. Read the issue.
2. Plan the work.
3. Execute the plan.
4. Verify and close.
`;

/** Builds the demo world: a repo, 4 worktrees with real commits, transcripts, live session files, plans. */
export async function createDemoWorkspace(options: { parentDir?: string; now?: Date } = {}): Promise<DemoWorkspace> {
  const now = options.now ?? new Date();
  const root = await realpath(await mkdtemp(join(options.parentDir ?? tmpdir(), 'switchyard-demo-')));
  const claudeHome = join(root, 'home', '.claude');
  const repoPath = join(root, 'repos', 'claude-command-centre');
  const dataDir = join(root, 'switchyard-data');
  for (const dir of ['sessions', 'projects', 'plans', 'worktrees']) await mkdir(join(claudeHome, dir), { recursive: true });
  await mkdir(repoPath, { recursive: true });
  await mkdir(dataDir, { recursive: true });

  let commitClock = now.getTime() - 6 * 3600_000;
  // Each git step is 7 minutes after the last, so the history reads like an afternoon's work.
  const env = (): Record<string, string> => {
    commitClock += 7 * 60_000;
    const date = new Date(commitClock).toISOString();
    return {
      GIT_AUTHOR_NAME: 'Demo Person',
      GIT_AUTHOR_EMAIL: 'demo@switchyard.invalid',
      GIT_COMMITTER_NAME: 'Demo Person',
      GIT_COMMITTER_EMAIL: 'demo@switchyard.invalid',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    };
  };
  const writeFiles = async (base: string, files: Record<string, string>) => {
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(dirname(join(base, rel)), { recursive: true });
      await writeFile(join(base, rel), content);
    }
  };

  await init(repoPath, 'main', env());
  await setConfig(repoPath, 'commit.gpgsign', 'false', env());
  // The Merge view builds merge commits in this repo; it must not depend on the machine's global identity.
  await setConfig(repoPath, 'user.name', 'Demo Person', env());
  await setConfig(repoPath, 'user.email', 'demo@switchyard.invalid', env());
  await writeFiles(repoPath, {
    // The execution loop's own state files are local to each worktree (as in real ccc repos); without
    // this every worktree would look dirty and "collide" on them.
    '.gitignore': '.ccc-state.json\n.ccc-progress.md\n',
    'README.md': '# claude-command-centre\n\nSkills and commands for running Claude Code from plans.\n',
    'commands/go.md': GO_COMMAND_BASE,
    'skills/session-exit/SKILL.md': '# Session exit\n\nTODO\n',
    'skills/dispatch/rules.md': '# Dispatch rules\n\nTODO\n',
    'skills/review/gates.md': '# Review gates\n\nTODO\n',
    '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n',
    'package.json': '{\n  "name": "claude-command-centre",\n  "version": "1.4.0"\n}\n',
  });
  await addAll(repoPath, env());
  await commit(repoPath, 'Initial skills and commands', { env: env() });

  const sessions: DemoSession[] = [
    {
      folder: 'claude-command-centre-cia-541',
      branch: 'claude/cia-541-session-exit',
      sessionName: 'lucid-euler',
      minutesAgo: 95,
      commits: [
        { message: 'Add session exit protocol', files: { 'skills/session-exit/SKILL.md': '# Session exit\n\n1. Mark the Linear issue Done or In Review.\n2. Write a session summary to the plan file.\n' } },
        { message: 'Exit protocol: update the session registry', files: { 'skills/session-exit/SKILL.md': '# Session exit\n\n1. Mark the Linear issue Done or In Review.\n2. Write a session summary to the plan file.\n3. Update the session registry table in the master plan.\n' } },
      ],
      ccc: { linearIssue: 'CIA-541', phase: 'closure', taskIndex: 4, totalTasks: 4, executionMode: 'tdd', awaitingGate: null },
      turns: [
        { prompt: 'Implement the session exit skill for CIA-541 (tdd).', replies: ['I will start with a failing check for the exit protocol.', 'The exit protocol is written and the checks pass.'], tools: ['npm test'], finished: true },
        { prompt: 'Update the registry step too.', replies: ['Added step 3. All tasks are complete.\n\nTASK_COMPLETE'], finished: true },
      ],
    },
    {
      folder: 'claude-command-centre-cia-542',
      branch: 'claude/cia-542-dispatch-rules',
      sessionName: 'brave-hopper',
      minutesAgo: 1,
      commits: [
        { message: 'Dispatch rules: decision tree', files: { 'skills/dispatch/rules.md': '# Dispatch rules\n\nWalk the decision tree for every pair of phases.\n' } },
        { message: '/go: dispatch step', files: { 'commands/go.md': GO_COMMAND_BASE.replace('3. Execute the plan.', '3. Dispatch parallel sessions from the plan (see skills/dispatch).') } },
      ],
      uncommitted: { 'skills/dispatch/rules.md': '# Dispatch rules\n\nWalk the decision tree for every pair of phases.\n\nBatches hold at most 3 sessions.\n' },
      live: { pidSource: 'self', status: 'busy' },
      ccc: { linearIssue: 'CIA-542', phase: 'execution', taskIndex: 3, totalTasks: 8, executionMode: 'pair', awaitingGate: null },
      turns: [
        { prompt: 'Work on CIA-542: the dispatch rules engine (pair).', replies: ['Here is the approach: a decision tree per phase pair, then batching.', 'Implemented the decision tree.'], tools: ['git diff --stat'], finished: true },
        { prompt: 'Go on with batching.', replies: ['Adding the batch cap of 3 now.'], tools: ['npm test -- dispatch'], finished: false },
      ],
    },
    {
      folder: 'claude-command-centre-cia-543',
      branch: 'claude/cia-543-review-gates',
      sessionName: 'quiet-lovelace',
      minutesAgo: 6,
      commits: [
        { message: 'Review gates: gate definitions', files: { 'skills/review/gates.md': '# Review gates\n\nGate 1: spec review. Gate 2: implementation review.\n' } },
        { message: '/go: review gate before execution', files: { 'commands/go.md': GO_COMMAND_BASE.replace('3. Execute the plan.', '3. Pass review gate 2, then execute the plan.') } },
      ],
      live: { pidSource: 'parent', status: 'waiting' },
      ccc: { linearIssue: 'CIA-543', phase: 'review', taskIndex: 2, totalTasks: 5, executionMode: 'checkpoint', awaitingGate: 'Gate 2: approve the review gate wording' },
      turns: [
        { prompt: 'Work on CIA-543: review gates in /go (checkpoint).', replies: ['Gate definitions written.', 'Checkpoint: please approve the gate wording before I continue.'], tools: ['cat commands/go.md'], finished: true },
      ],
    },
    {
      folder: 'claude-command-centre-cia-544',
      branch: 'claude/cia-544-insights-research',
      sessionName: 'insights-track',
      minutesAgo: 240,
      commits: [{ message: 'Insights v2: first findings', files: { 'docs/research/insights-v2.md': '# Insights v2\n\nThree sources agree on session-level metrics.\n' } }],
      uncommitted: { 'docs/research/insights-v2.md': '# Insights v2\n\nThree sources agree on session-level metrics.\n\nOpen question: cost per merged line?\n' },
      turns: [{ prompt: 'Research track for CIA-544: insights v2 (spike, analysis only).', replies: ['Collected three sources; writing the summary.'], finished: false }],
    },
  ];

  // Branch the worktrees from the first commit, then move main on, so they start one commit behind.
  const worktrees: DemoWorkspace['worktrees'] = [];
  for (const session of sessions) {
    const path = join(claudeHome, 'worktrees', session.folder);
    await worktreeAdd(repoPath, path, 'main', { newBranch: session.branch, env: env() });
    for (const step of session.commits) {
      await writeFiles(path, step.files);
      await addAll(path, env());
      await commit(path, step.message, { env: env() });
    }
    if (session.uncommitted) await writeFiles(path, session.uncommitted);
    if (session.ccc) {
      const stamp = new Date(now.getTime() - session.minutesAgo * 60_000).toISOString();
      await writeFile(join(path, '.ccc-state.json'), `${JSON.stringify({ ...session.ccc, taskIteration: 1, maxTaskIterations: 3, globalIteration: 4, maxGlobalIterations: 20, gatesPassed: ['gate-1'], specPath: 'docs/spec.md', replanCount: 0, createdAt: stamp, lastUpdatedAt: stamp }, null, 2)}\n`);
      await writeFile(join(path, '.ccc-progress.md'), `# Progress\n\n- ${stamp} started ${String(session.ccc.linearIssue)}\n`);
    }
    const sessionId = randomUUID();
    worktrees.push({ name: session.folder, path, branch: session.branch, sessionId });
    const turnCount = session.turns.reduce((n, t) => n + 2 + t.replies.length * 3, 0);
    const stepMs = 20_000;
    const lines = demoTranscriptLines({
      sessionId,
      cwd: path,
      gitBranch: session.branch,
      slug: session.sessionName,
      model: 'claude-opus-4-5-20251101',
      startAt: new Date(now.getTime() - session.minutesAgo * 60_000 - turnCount * stepMs),
      stepMs,
      turns: session.turns,
    });
    const projectDir = join(claudeHome, 'projects', path.replace(/[^A-Za-z0-9]/g, '-'));
    await mkdir(projectDir, { recursive: true });
    await writeFile(join(projectDir, `${sessionId}.jsonl`), `${lines.join('\n')}\n`);
    if (session.live) {
      const pid = session.live.pidSource === 'self' ? process.pid : process.ppid;
      const at = new Date(now.getTime() - session.minutesAgo * 60_000).toISOString();
      await writeFile(
        join(claudeHome, 'sessions', `${pid}.json`),
        `${JSON.stringify({ pid, sessionId, cwd: path, startedAt: at, version: '2.1.139', kind: 'interactive', entrypoint: 'cli', name: session.sessionName, status: session.live.status, statusUpdatedAt: at, updatedAt: at }, null, 2)}\n`,
      );
    }
  }
  await writeFiles(repoPath, { 'README.md': '# claude-command-centre\n\nSkills and commands for running Claude Code from master plans.\n' });
  await commit(repoPath, 'README: say what the project is', { all: true, env: env() });

  const date = now.toISOString().slice(0, 10);
  const planPath = join(claudeHome, 'plans', `${date}-ccc-dispatch-console.md`);
  await writeFile(planPath, demoMasterPlan({ date, repoPath }));
  await writeFile(join(claudeHome, 'plans', 'composed-crunching-raven.md'), demoRandomlyNamedPlan());
  await writeFile(join(root, 'README.txt'), 'Switchyard demo workspace. Safe to delete.\n');
  return { root, claudeHome, repoPath, dataDir, planPath, worktrees };
}
