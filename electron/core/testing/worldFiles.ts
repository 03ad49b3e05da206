import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Synchronous helpers for the worlds e2e specs build before serve mode starts (no event loop yet). */

export const gitSync = (cwd: string, ...args: string[]): Buffer => execFileSync('git', args, { cwd, stdio: 'pipe' });

export function writeWorldFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A repository on `main` with a test identity, no signing, and one commit of `files`. */
export function initWorldRepo(repo: string, files: Readonly<Record<string, string>>): void {
  mkdirSync(repo, { recursive: true });
  gitSync(repo, 'init', '-q', '-b', 'main');
  gitSync(repo, 'config', 'user.email', 'e2e@example.com');
  gitSync(repo, 'config', 'user.name', 'e2e');
  gitSync(repo, 'config', 'commit.gpgsign', 'false');
  for (const [rel, text] of Object.entries(files)) writeWorldFile(`${repo}/${rel}`, text);
  gitSync(repo, 'add', '-A');
  gitSync(repo, 'commit', '-q', '-m', 'initial');
}
