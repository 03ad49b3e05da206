import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Finding plan files: `*.md` in the known plan folders (one level of subfolders too). */

export type PlanSource = 'claude-home' | 'repo' | 'configured';

export interface PlanFolder {
  path: string;
  source: PlanSource;
}

export interface DiscoveredPlan {
  path: string;
  fileName: string;
  /** The plan folder it was found under. */
  folder: string;
  source: PlanSource;
  mtimeMs: number;
  size: number;
}

/** Plan folders inside a repository, in the order they are looked at. */
export const REPO_PLAN_FOLDERS = ['docs/plans', '.claude/plans', 'plans'] as const;

export interface PlanFolderInput {
  /** Claude's home (`~/.claude` or `$CLAUDE_CONFIG_DIR`): its `plans/` folder. */
  claudeHome?: string | null;
  /** Its `plansDirectory` setting, when set (replaces `<claudeHome>/plans`). */
  claudePlansDirectory?: string | null;
  repos?: readonly string[];
  /** Extra folders from the settings. */
  folders?: readonly string[];
}

export function planFolders(input: PlanFolderInput): PlanFolder[] {
  const folders: PlanFolder[] = [];
  if (input.claudePlansDirectory) folders.push({ path: resolve(input.claudePlansDirectory), source: 'claude-home' });
  else if (input.claudeHome) folders.push({ path: join(resolve(input.claudeHome), 'plans'), source: 'claude-home' });
  for (const repo of input.repos ?? []) {
    for (const sub of REPO_PLAN_FOLDERS) folders.push({ path: join(resolve(repo), sub), source: 'repo' });
  }
  for (const folder of input.folders ?? []) folders.push({ path: resolve(folder), source: 'configured' });
  const seen = new Set<string>();
  return folders.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

/**
 * Lists `*.md` files in each folder and in its direct subfolders; missing or unreadable folders are
 * skipped. Dot files and dot folders (temp files, `.git`) are ignored. Each file is listed once.
 */
export async function discoverPlans(input: PlanFolderInput): Promise<DiscoveredPlan[]> {
  const found = new Map<string, DiscoveredPlan>();
  for (const folder of planFolders(input)) {
    for (const plan of await listFolder(folder, folder.path, 1)) {
      if (!found.has(plan.path)) found.set(plan.path, plan);
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

async function listFolder(folder: PlanFolder, dir: string, depthLeft: number): Promise<DiscoveredPlan[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const plans: DiscoveredPlan[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depthLeft > 0 && entry.name !== 'node_modules') plans.push(...(await listFolder(folder, path, depthLeft - 1)));
      continue;
    }
    if (!/\.md$/i.test(entry.name)) continue;
    try {
      const info = await stat(path); // follows symlinks; a dangling link is skipped
      if (!info.isFile()) continue;
      plans.push({ path, fileName: entry.name, folder: folder.path, source: folder.source, mtimeMs: info.mtimeMs, size: info.size });
    } catch {
      continue;
    }
  }
  return plans;
}
