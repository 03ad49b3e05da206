import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A synthetic but realistic world for the benchmarks: N repositories, W linked worktrees each (in
 * `<claude home>/worktrees/`, where Claude Code puts them), F files per worktree (half tracked, half
 * under the git-ignored `node_modules`), one transcript per worktree in Claude Code's JSONL shape,
 * `sessions/*.json`, `.ccc-state.json` files and a master plan. Worlds are cached under /tmp by scale.
 */

export interface WorldScale {
  repos: number;
  worktreesPerRepo: number;
  /** Files per worktree (and per main checkout): half tracked, half under node_modules. */
  filesPerWorktree: number;
  /** Transcripts in `<claude home>/projects`, one per worktree (the first N worktrees). */
  transcripts: number;
  transcriptBytes: number;
  /** `sessions/<pid>.json` files (pids that are not running: the sessions look stale). */
  liveSessionFiles: number;
}

export interface WorldWorktree {
  path: string;
  repo: string;
  branch: string;
  transcript: string | null;
}

export interface World {
  key: string;
  root: string;
  claudeHome: string;
  dataDir: string;
  repos: string[];
  worktrees: WorldWorktree[];
  scale: WorldScale;
  /** Per checkout (worktree or main): tracked files, ignored files, folders (without .git). */
  trackedFiles: number;
  ignoredFiles: number;
  dirs: number;
  generatedMs: number;
  reused: boolean;
}

export const WORLD_CACHE = join(tmpdir(), 'switchyard-bench-worlds');
const FORMAT_VERSION = 2;

export function worldKey(s: WorldScale): string {
  const mb = Math.round(s.transcriptBytes / (1024 * 1024));
  return `v${FORMAT_VERSION}-r${s.repos}-w${s.worktreesPerRepo}-f${s.filesPerWorktree}-t${s.transcripts}x${mb}mb-s${s.liveSessionFiles}`;
}

const IDENT = {
  GIT_AUTHOR_NAME: 'Bench Person',
  GIT_AUTHOR_EMAIL: 'bench@switchyard.invalid',
  GIT_COMMITTER_NAME: 'Bench Person',
  GIT_COMMITTER_EMAIL: 'bench@switchyard.invalid',
};

function git(cwd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // stdin only when there is input: a git that exits before reading an empty stdin raised EPIPE.
    const child = spawn('git', args, { cwd, env: { ...process.env, ...IDENT }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args.join(' ')} (${cwd}) exited ${code}: ${err}`))));
    if (input !== undefined && child.stdin) {
      // The exit code tells what went wrong; a write error on a pipe git closed must not crash the run.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Tracked file i → path: packages/p<k>/src/m<j>/file<i>.ts, 50 files per folder. */
export function trackedPath(i: number): string {
  const pkg = Math.floor(i / 1000);
  const mod = Math.floor((i % 1000) / 50);
  return `packages/p${pkg}/src/m${mod}/file${i}.ts`;
}

function trackedContent(i: number): string {
  return `// module ${i}\nexport function f${i}(x: number): number {\n  return x * ${i % 97} + ${i % 13};\n}\n`;
}

function trackedDirCount(n: number): number {
  const dirs = new Set<string>();
  for (let i = 0; i < n; i++) {
    const parts = trackedPath(i).split('/');
    for (let k = 1; k < parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
  }
  return dirs.size;
}

/** node_modules/<lib>/dist/x<i>.js, 100 files per folder. Returns the folders written. */
function writeNodeModules(root: string, files: number): number {
  let dirs = 1;
  let current = '';
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  for (let i = 0; i < files; i++) {
    const lib = Math.floor(i / 100);
    const dir = join(root, 'node_modules', `lib${lib}`, 'dist');
    if (dir !== current) {
      mkdirSync(dir, { recursive: true });
      current = dir;
      dirs += 2;
    }
    writeFileSync(join(dir, `x${i}.js`), `module.exports = ${i};\n`);
  }
  return dirs;
}

function fastImportStream(files: number): string {
  const out: string[] = [];
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}`;
  out.push('commit refs/heads/main', `committer Bench Person <bench@switchyard.invalid> ${Math.floor(Date.now() / 1000) - 86_400} +0000`, data('Initial import'));
  out.push('M 100644 inline .gitignore', data('node_modules/\ndist/\n.ccc-state.json\n.ccc-progress.md\n'));
  out.push('M 100644 inline README.md', data('# bench repo\n'));
  for (let i = 0; i < files; i++) out.push(`M 100644 inline ${trackedPath(i)}`, data(trackedContent(i)));
  out.push('');
  return out.join('\n');
}

export interface TranscriptSpec {
  sessionId: string;
  cwd: string;
  gitBranch: string;
  slug: string;
  bytes: number;
  /** The last line's time. */
  endAt: number;
  model?: string;
}

const FILLER = 'The function reads the configuration, validates each entry and returns the merged result. '.repeat(24);

/**
 * Writes a transcript of about `bytes` in Claude Code's real JSONL shape (2.1.x): user prompts,
 * assistant responses split into one line per content block repeating message.id/requestId/usage,
 * tool_use + tool_result pairs with realistic payloads, and `turn_duration` system lines.
 */
export function writeTranscript(path: string, spec: TranscriptSpec): number {
  const fd = openSync(path, 'w');
  const avgLine = 1500;
  const stepMs = 2_000;
  let clock = spec.endAt - Math.ceil(spec.bytes / avgLine) * stepMs;
  let parent: string | null = null;
  let written = 0;
  let buffer = '';
  const model = spec.model ?? 'claude-opus-4-5-20251101';
  const flush = (force: boolean) => {
    if (buffer.length > 1_000_000 || (force && buffer.length > 0)) {
      written += writeSync(fd, buffer);
      buffer = '';
    }
  };
  const push = (record: Record<string, unknown>) => {
    const uuid = randomUUID();
    clock += stepMs;
    buffer += `${JSON.stringify({
      parentUuid: parent,
      isSidechain: false,
      userType: 'external',
      cwd: spec.cwd,
      sessionId: spec.sessionId,
      version: '2.1.39',
      gitBranch: spec.gitBranch,
      slug: spec.slug,
      ...record,
      uuid,
      timestamp: new Date(clock).toISOString(),
    })}\n`;
    parent = uuid;
    flush(false);
  };
  buffer += `${JSON.stringify({ type: 'file-history-snapshot', messageId: randomUUID(), snapshot: { trackedFileBackups: {} }, isSnapshotUpdate: false })}\n`;
  let turn = 0;
  let cacheRead = 9_000;
  while (written + buffer.length < spec.bytes) {
    const turnStart = clock;
    push({ type: 'user', message: { role: 'user', content: `Turn ${turn}: continue with the next task of the plan.` } });
    for (let reply = 0; reply < 4; reply++) {
      const messageId = `msg_${spec.sessionId.slice(0, 8)}_${turn}_${reply}`;
      const requestId = `req_${spec.sessionId.slice(0, 8)}_${turn}_${reply}`;
      cacheRead += 1_500;
      const usage = {
        input_tokens: 4 + reply,
        cache_creation_input_tokens: 1_800 + 120 * reply,
        cache_read_input_tokens: cacheRead % 180_000,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1_800 + 120 * reply },
        output_tokens: 300 + 40 * reply,
        service_tier: 'standard',
      };
      const message = (content: unknown[]) => ({ model, id: messageId, type: 'message', role: 'assistant', content, usage });
      push({ type: 'assistant', requestId, message: message([{ type: 'thinking', thinking: 'Planning the next step. '.repeat(8), signature: 'sig' }]) });
      push({ type: 'assistant', requestId, message: message([{ type: 'text', text: `Step ${reply} of turn ${turn}: ${FILLER.slice(0, 400)}` }]) });
      const toolUseId = `toolu_${turn}_${reply}`;
      push({ type: 'assistant', requestId, message: message([{ type: 'tool_use', id: toolUseId, name: 'Read', input: { file_path: `${spec.cwd}/${trackedPath(turn * 4 + reply)}` } }]) });
      push({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: FILLER }] } });
    }
    push({ type: 'system', subtype: 'turn_duration', durationMs: clock - turnStart, isMeta: false });
    turn++;
  }
  flush(true);
  closeSync(fd);
  return written;
}

function masterPlan(worktrees: WorldWorktree[]): string {
  const rows = worktrees
    .map((w, i) => `| bench-${i} | [BEN-${100 + i}](https://linear.app/bench/issue/BEN-${100 + i}) | ${Math.floor(i / 3) + 1}${'ABC'[i % 3] ?? 'A'} | Claude Code | yes | ${w.branch} | Active |`)
    .join('\n');
  return `# Bench master plan\n\n**Parent issue:** [BEN-1: Bench](https://linear.app/bench/issue/BEN-1)\n**Date:** 2025-01-01\n\n## Session Registry\n\n| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |\n|--------------|-------|-------|-------|----------|--------|--------|\n${rows}\n`;
}

export interface GenerateOptions {
  /** Regenerate even when a cached world exists. */
  fresh?: boolean;
  log?: (line: string) => void;
}

/** Removes what benchmarks may have left in a cached world and makes its transcripts recent again. */
function refreshWorld(world: World): void {
  const now = new Date();
  for (const w of world.worktrees) {
    if (w.transcript && existsSync(w.transcript)) utimesSync(w.transcript, now, now);
    rmSync(join(w.path, 'bench-probe'), { recursive: true, force: true });
  }
}

export async function generateWorld(scale: WorldScale, options: GenerateOptions = {}): Promise<World> {
  const log = options.log ?? (() => undefined);
  const key = worldKey(scale);
  const root = join(WORLD_CACHE, key);
  const manifest = join(root, 'world.json');
  if (!options.fresh && existsSync(manifest)) {
    const world = { ...(JSON.parse(readFileSync(manifest, 'utf8')) as World), reused: true };
    refreshWorld(world);
    return world;
  }
  const started = performance.now();
  rmSync(root, { recursive: true, force: true });
  const claudeHome = join(root, 'home', '.claude');
  const dataDir = join(root, 'switchyard-data');
  for (const dir of ['sessions', 'projects', 'plans', 'worktrees']) mkdirSync(join(claudeHome, dir), { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const tracked = Math.floor(scale.filesPerWorktree / 2);
  const ignored = scale.filesPerWorktree - tracked;
  const stream = fastImportStream(tracked);

  const repos: string[] = [];
  const worktrees: WorldWorktree[] = [];
  let ignoredDirs = 0;
  for (let r = 0; r < scale.repos; r++) {
    const repo = join(root, 'repos', `repo${r}`);
    mkdirSync(repo, { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await git(repo, ['config', 'commit.gpgsign', 'false']);
    await git(repo, ['fast-import', '--quiet'], stream);
    await git(repo, ['reset', '-q', '--hard', 'main']);
    ignoredDirs = writeNodeModules(repo, ignored);
    repos.push(repo);
    for (let w = 0; w < scale.worktreesPerRepo; w++) {
      worktrees.push({ path: join(claudeHome, 'worktrees', `repo${r}-wt${w}`), repo, branch: `claude/ben-${r * 100 + w}-bench-task-${w}`, transcript: null });
    }
    log(`  repo ${r + 1}/${scale.repos} ready (${Math.round(performance.now() - started)} ms)`);
  }

  // git worktree add checks out the tracked half; node_modules is plain fs.
  await mapLimit(worktrees, 2, async (w, i) => {
    await git(w.repo, ['worktree', 'add', '-q', '-b', w.branch, w.path, 'main']);
    writeNodeModules(w.path, ignored);
    // One commit of its own on the branch, and for every third worktree an uncommitted edit.
    const a = trackedPath((i * 37) % tracked);
    const b = trackedPath((i * 53 + 11) % tracked);
    writeFileSync(join(w.path, a), `${trackedContent(0)}// edited on ${w.branch}\n`);
    writeFileSync(join(w.path, b), `${trackedContent(1)}// edited on ${w.branch}\n`);
    await git(w.path, ['commit', '-q', '-am', `Work on ${w.branch}`]);
    if (i % 3 === 0) writeFileSync(join(w.path, trackedPath((i * 71 + 5) % tracked)), '// uncommitted edit\n');
    if (i % 2 === 0) {
      const stamp = new Date().toISOString();
      writeFileSync(
        join(w.path, '.ccc-state.json'),
        `${JSON.stringify({ linearIssue: `BEN-${100 + i}`, phase: 'execution', taskIndex: 1 + (i % 5), totalTasks: 6, executionMode: 'tdd', awaitingGate: null, taskIteration: 1, maxTaskIterations: 3, globalIteration: 2, maxGlobalIterations: 20, gatesPassed: [], specPath: 'docs/spec.md', replanCount: 0, createdAt: stamp, lastUpdatedAt: stamp }, null, 2)}\n`,
      );
    }
    if ((i + 1) % 10 === 0) log(`  worktree ${i + 1}/${worktrees.length} (${Math.round(performance.now() - started)} ms)`);
  });

  for (let i = 0; i < Math.min(scale.transcripts, worktrees.length); i++) {
    const w = worktrees[i] as WorldWorktree;
    const sessionId = randomUUID();
    const dir = join(claudeHome, 'projects', w.path.replace(/[^A-Za-z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    w.transcript = join(dir, `${sessionId}.jsonl`);
    writeTranscript(w.transcript, { sessionId, cwd: w.path, gitBranch: w.branch, slug: `bench-${i}`, bytes: scale.transcriptBytes, endAt: Date.now() - i * 60_000 });
    if (i < scale.liveSessionFiles) {
      const pid = 3_900_000 + i;
      const at = new Date(Date.now() - i * 60_000).toISOString();
      writeFileSync(
        join(claudeHome, 'sessions', `${pid}.json`),
        `${JSON.stringify({ pid, sessionId, cwd: w.path, startedAt: at, version: '2.1.139', kind: 'interactive', entrypoint: 'cli', name: `bench-${i}`, status: 'idle', statusUpdatedAt: at, updatedAt: at }, null, 2)}\n`,
      );
    }
  }
  if (scale.transcripts > 0) log(`  transcripts written (${Math.round(performance.now() - started)} ms)`);
  writeFileSync(join(claudeHome, 'plans', '2025-01-01-bench-master-plan.md'), masterPlan(worktrees));

  const world: World = {
    key,
    root,
    claudeHome,
    dataDir,
    repos,
    worktrees,
    scale,
    trackedFiles: tracked + 2,
    ignoredFiles: ignored,
    dirs: trackedDirCount(tracked) + ignoredDirs,
    generatedMs: Math.round(performance.now() - started),
    reused: false,
  };
  writeFileSync(manifest, JSON.stringify(world, null, 2));
  return world;
}

/** A standalone transcript of `bytes` (the 200 MB tail scenario), cached like worlds. */
export function generateBigTranscript(bytes: number): { path: string; reused: boolean; ms: number } {
  const dir = join(WORLD_CACHE, 'transcripts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `v${FORMAT_VERSION}-${Math.round(bytes / (1024 * 1024))}mb.jsonl`);
  const started = performance.now();
  if (existsSync(`${path}.done`)) return { path, reused: true, ms: 0 };
  writeTranscript(path, { sessionId: randomUUID(), cwd: '/home/bench/repo', gitBranch: 'claude/ben-1-big', slug: 'big-transcript', bytes, endAt: Date.now() });
  writeFileSync(`${path}.done`, '');
  return { path, reused: false, ms: Math.round(performance.now() - started) };
}
