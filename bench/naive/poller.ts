import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The naive way (bench only): every 500 ms, `git status --porcelain` in every worktree (4 at a time,
 * a round is skipped while the previous one still runs). Prints one JSON line per worktree whose
 * status output changed: {"path", "status", "at"}; and {"ready": true} after the first full round.
 */
const [listFile, intervalArg] = process.argv.slice(2);
if (!listFile) throw new Error('usage: poller <worktrees.json> [intervalMs]');
const worktrees = JSON.parse(readFileSync(listFile, 'utf8')) as string[];
const intervalMs = Number(intervalArg ?? 500);
const last = new Map<string, string>();
let busy = false;
let rounds = 0;

function status(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['status', '--porcelain'], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? `error: ${error.message}` : stdout));
  });
}

async function round(): Promise<void> {
  if (busy) return;
  busy = true;
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < worktrees.length) {
      const path = worktrees[next++] as string;
      const out = await status(path);
      const before = last.get(path);
      last.set(path, out);
      if (before !== undefined && before !== out) process.stdout.write(`${JSON.stringify({ path, status: out, at: Date.now() })}\n`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  rounds++;
  if (rounds === 1) process.stdout.write(`${JSON.stringify({ ready: true, roundMs: Math.round(performance.now() - started) })}\n`);
  busy = false;
}

void round();
setInterval(() => void round(), intervalMs);
