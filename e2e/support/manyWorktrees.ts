import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ManyWorktrees {
  claudeHome: string;
  dataDir: string;
  names: string[];
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });

/**
 * A Claude home whose `worktrees/` holds `count` real git worktrees of one small repository, each on
 * its own `claude/<name>` branch: enough sessions for the table to window its rows.
 */
export function createManyWorktrees(count: number): ManyWorktrees {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-many-'));
  const repo = join(root, 'repo');
  const claudeHome = join(root, 'claude');
  const dataDir = join(root, 'data');
  mkdirSync(repo);
  mkdirSync(join(claudeHome, 'worktrees'), { recursive: true });
  mkdirSync(dataDir);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'e2e@example.com');
  git(repo, 'config', 'user.name', 'e2e');
  writeFileSync(join(repo, 'README.md'), '# many\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'initial');
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `many-${String(i).padStart(3, '0')}`;
    git(repo, 'worktree', 'add', '-q', '-b', `claude/${name}`, join(claudeHome, 'worktrees', name));
    names.push(name);
  }
  return { claudeHome, dataDir, names };
}
