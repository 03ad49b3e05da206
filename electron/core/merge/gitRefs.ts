import { resolve } from 'node:path';
import { execGit, gitOk } from '../git/execGit';

/** Small read-only ref/object queries the merge engine needs; all exit codes handled as data. */

export async function resolveCommit(cwd: string, rev: string): Promise<string | null> {
  const run = await execGit(['rev-parse', '--verify', '-q', `${rev}^{commit}`], { cwd });
  return run.code === 0 ? run.stdout.trim() : null;
}

/** The sha a fully-qualified ref points at, or null when it does not exist (no peeling, no DWIM). */
export async function readRef(cwd: string, fullRef: string): Promise<string | null> {
  const run = await execGit(['rev-parse', '--verify', '-q', `${fullRef}`], { cwd });
  return run.code === 0 ? run.stdout.trim() : null;
}

export function branchRef(branch: string): string {
  return branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
}

export async function resolveBranch(cwd: string, branch: string): Promise<string | null> {
  return resolveCommit(cwd, branchRef(branch));
}

export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const run = await execGit(['merge-base', '--is-ancestor', ancestor, descendant], { cwd });
  return run.code === 0;
}

export async function treeOf(cwd: string, rev: string): Promise<string> {
  return (await gitOk(['rev-parse', `${rev}^{tree}`], { cwd })).trim();
}

export async function gitCommonDir(cwd: string): Promise<string> {
  const out = (await gitOk(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd })).trim();
  return resolve(cwd, out);
}

export async function absoluteGitDir(cwd: string): Promise<string> {
  return (await gitOk(['rev-parse', '--absolute-git-dir'], { cwd })).trim();
}

/** Counts commits only on `left` and only on `right` (`git rev-list --left-right --count`). */
export async function aheadBehind(cwd: string, base: string, branch: string): Promise<{ ahead: number; behind: number }> {
  const out = await gitOk(['rev-list', '--left-right', '--count', `${base}...${branch}`], { cwd });
  const [behind, ahead] = out.trim().split(/\s+/).map(Number);
  return { ahead: ahead ?? 0, behind: behind ?? 0 };
}

export async function configValue(cwd: string, key: string): Promise<string | null> {
  const run = await execGit(['config', '--get', key], { cwd });
  return run.code === 0 ? run.stdout.trim() : null;
}

export async function configBool(cwd: string, key: string): Promise<boolean> {
  const run = await execGit(['config', '--type=bool', '--get', key], { cwd });
  return run.code === 0 && run.stdout.trim() === 'true';
}
