import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempRepo, gitIn, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { gitOk } from '../../git/execGit';
import { uncommittedPaths } from '../../git/parseStatus';
import { readStatus } from '../../git/status';
import { listWorktrees } from '../../git/worktreeList';

/** A temp repo whose git config has an identity (the engine's own commit-tree calls need one). */
export async function repoWithFiles(files: Record<string, string> = defaultFiles()): Promise<TempRepo> {
  const repo = await createTempRepo();
  await repo.git('config', 'user.name', 'Switchyard Test');
  await repo.git('config', 'user.email', 'test@switchyard.invalid');
  for (const [path, content] of Object.entries(files)) await repo.write(path, content);
  await repo.commitAll('initial');
  return repo;
}

export function defaultFiles(): Record<string, string> {
  const lines = (tag: string) => Array.from({ length: 20 }, (_, i) => `${tag} line ${i + 1}`).join('\n') + '\n';
  return { 'a.txt': lines('a'), 'b.txt': lines('b'), 'c.txt': lines('c'), 'd.txt': lines('d'), 'src/e.ts': lines('e') };
}

/** Adds a session worktree on `branch` and commits `changes` there (content null deletes). */
export async function session(repo: TempRepo, branch: string, changes: Record<string, string | null>, from = 'main'): Promise<string> {
  const dir = join(await makeTempDir('switchyard-wt-'), branch.replace(/\//g, '-'));
  await repo.addWorktree(dir, branch, from);
  await commitIn(dir, changes, `${branch}: work`);
  return dir;
}

export async function commitIn(dir: string, changes: Record<string, string | null>, message: string): Promise<string> {
  const { writeFile, mkdir, rm } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  for (const [path, content] of Object.entries(changes)) {
    const full = join(dir, path);
    if (content === null) await rm(full, { force: true });
    else {
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
    }
  }
  await gitIn(dir, 'add', '-A');
  await gitIn(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return (await gitIn(dir, 'rev-parse', 'HEAD')).trim();
}

/** Replaces line `n` (1-based) of a default file's content. */
export function editLine(tag: string, n: number, text: string): string {
  return Array.from({ length: 20 }, (_, i) => (i + 1 === n ? text : `${tag} line ${i + 1}`)).join('\n') + '\n';
}

/** Every commit reachable from any ref (branches, backup refs, HEADs). */
export async function reachableCommits(repoDir: string): Promise<Set<string>> {
  const out = await gitOk(['rev-list', '--all'], { cwd: repoDir });
  return new Set(out.split('\n').filter(Boolean));
}

/** Hash of every uncommitted (modified, added, untracked) file in every worktree. */
export async function uncommittedSnapshot(repoDir: string): Promise<Map<string, string>> {
  const snap = new Map<string, string>();
  const listed = await listWorktrees(repoDir);
  if (!listed.ok) throw new Error(listed.error);
  for (const wt of listed.value) {
    if (wt.prunable || wt.bare) continue;
    const status = await readStatus(wt.path, { untracked: 'all' });
    if (!status.ok) throw new Error(status.error);
    for (const rel of uncommittedPaths(status.value)) {
      let digest = 'deleted';
      try {
        digest = createHash('sha256').update(await readFile(join(wt.path, rel))).digest('hex');
      } catch {
        /* deleted */
      }
      snap.set(`${wt.path}::${rel}`, digest);
    }
  }
  return snap;
}

export interface Invariants {
  commits: Set<string>;
  files: Map<string, string>;
}

export async function captureInvariants(repoDir: string): Promise<Invariants> {
  return { commits: await reachableCommits(repoDir), files: await uncommittedSnapshot(repoDir) };
}

/** Nothing reachable before became unreachable; every uncommitted file is byte-identical. */
export async function checkInvariants(repoDir: string, before: Invariants): Promise<{ lostCommits: string[]; changedFiles: string[] }> {
  const after = await captureInvariants(repoDir);
  const lostCommits = [...before.commits].filter((c) => !after.commits.has(c));
  const changedFiles = [...before.files].filter(([k, v]) => after.files.get(k) !== v).map(([k]) => k);
  return { lostCommits, changedFiles };
}
