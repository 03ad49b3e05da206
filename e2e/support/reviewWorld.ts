import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';

/**
 * The review's world and timing points, shared by e2e/web/review.spec.ts and the bench (scenario 12):
 * a 5,000-line change committed on the demo's first branch, and the in-page measure of opening it.
 */

export const BIG_DIFF_BRANCH = 'claude/cia-541-session-exit';
export const BIG_DIFF_WORKTREE = 'claude-command-centre-cia-541';
export const BIG_DIFF_FILE = 'src/generated/statusTable.ts';
export const BIG_DIFF_LINES = 5_000;

/** Writes and commits the 5,000-line file in the demo's cia-541 worktree. */
export function commitBigChange(demoRoot: string): void {
  const dir = join(demoRoot, 'home', '.claude', 'worktrees', BIG_DIFF_WORKTREE);
  const lines = Array.from({ length: BIG_DIFF_LINES }, (_, i) => `export const status${i} = { id: ${i}, label: 'row ${i}', done: ${i % 2 === 0} }; // generated`);
  mkdirSync(join(dir, 'src', 'generated'), { recursive: true });
  writeFileSync(join(dir, BIG_DIFF_FILE), lines.join('\n') + '\n');
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Demo', GIT_AUTHOR_EMAIL: 'demo@switchyard.invalid', GIT_COMMITTER_NAME: 'Demo', GIT_COMMITTER_EMAIL: 'demo@switchyard.invalid' };
  execFileSync('git', ['add', BIG_DIFF_FILE], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', 'Generated status table'], { cwd: dir, env });
}

/** Both from the click, in the page's clock: the first diff rows painted, and the diff's data arriving. */
export interface ReviewOpenTiming {
  openMs: number;
  dataMs: number;
}

/** Clicks a Review button in the page and resolves at the frame after the first diff rows are in the DOM. */
export function timeReviewOpen(button: Locator): Promise<ReviewOpenTiming> {
  return button.evaluate(
    (el) =>
      new Promise<ReviewOpenTiming>((resolve) => {
        performance.clearMarks('switchyard:review-data');
        const started = performance.now();
        (el as HTMLButtonElement).click();
        const check = (): void => {
          if (!document.querySelector('[data-testid="diff-line"]')) {
            requestAnimationFrame(check);
            return;
          }
          requestAnimationFrame(() => {
            const mark = performance.getEntriesByName('switchyard:review-data').pop();
            resolve({ openMs: performance.now() - started, dataMs: mark ? mark.startTime - started : Number.NaN });
          });
        };
        check();
      }),
  );
}
