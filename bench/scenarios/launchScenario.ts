import { loadavg } from 'node:os';
import { delimiter, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { AppPage } from '../../e2e/pages/AppPage';
import { DispatchPage } from '../../e2e/pages/DispatchPage';
import { launchWebChromium, newWebContext } from '../lib/browser';
import { withDemoServe } from '../lib/demoServe';
import { max, median, round, sleep } from '../lib/stats';

/**
 * Scenario 11: Launch — from the click on a row's Launch button in the Dispatch view to that
 * session's row in Sessions (a second window, as in e2e/web/launch.spec.ts) showing Working. Serve
 * mode on a fresh demo workspace per run, the stand-in `claude` (e2e/support/fake-claude) first on
 * PATH. Batch 2 is approved (with the override reason: it waits for batch 1) and its approval's own
 * work is let finish first, so the launch is measured on its own. Both ends are taken in the pages
 * (one browser, one clock); the core's split comes from its `launched …` log line.
 */

const FAKE_CLAUDE = resolve('e2e/support/fake-claude');
/** The demo's batch 2 row that is launched, and what its Sessions row shows (the worktree folder ends in it). */
const ISSUE = 'CIA-545';
const ROW_TEXT = 'cia-545';
const TIMEOUT_MS = 15_000;

export interface LaunchRun {
  session: string;
  /** Click → the Sessions row's status reads Working. */
  toWorkingMs: number;
  /** Click → the Dispatch row shows its Running button (the core published the launch, right after spawning claude). */
  toLaunchedMs: number;
  /** From the core's log: worktree prepared, claude spawned, Session Registry row written (ms from the call). */
  core: { worktreeMs: number; claudeStartedMs: number; registryRowMs: number } | null;
  /** document.visibilityState of the watching window (a hidden one would throttle). */
  watcherVisibility: string;
}

export interface LaunchResult {
  runs: LaunchRun[];
  summary: {
    medianMs: number;
    minMs: number;
    maxMs: number;
    launchedMedianMs: number;
    coreWorktreeMedianMs: number | null;
    coreClaudeStartedMedianMs: number | null;
    coreRegistryRowMedianMs: number | null;
    /** Click → Working minus the core's "claude started": the stand-in's start and first busy write, the watcher, the patch, the render (plus the click's trip to the core). */
    afterClaudeStartedMedianMs: number | null;
  };
  loadAverage: number;
}

export interface LaunchOptions {
  runs: number;
  log: (line: string) => void;
}

declare global {
  interface Window {
    __benchWorkingAt?: Promise<number>;
  }
}

/** Installs, in the Sessions window, a watch that resolves at the DOM change where the row reads Working. */
async function watchForWorking(watcher: Page, rowText: string, timeoutMs: number): Promise<void> {
  await watcher.evaluate(
    ([needle, timeout]) => {
      window.__benchWorkingAt = new Promise<number>((resolve, reject) => {
        const working = (): boolean =>
          Array.from(document.querySelectorAll('[data-testid="session-row"]')).some(
            (row) => row.textContent?.includes(needle) && row.querySelector('[data-testid="session-status"]')?.textContent?.trim() === 'Working',
          );
        const observer = new MutationObserver(() => {
          if (!working()) return;
          const at = Date.now();
          observer.disconnect();
          clearTimeout(timer);
          resolve(at);
        });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the ${needle} row did not show Working within ${timeout} ms`));
        }, timeout);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    },
    [rowText, timeoutMs] as const,
  );
}

const CORE_LINE = /launched (\S+) in .* worktree (\d+) ms, claude started at (\d+) ms, registry row at (\d+) ms/;

/** The core logs its split once the registry row is written, which may be after the row shows Working. */
async function coreLine(output: () => string, session: string): Promise<RegExpExecArray | null> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = output()
      .split('\n')
      .map((l) => CORE_LINE.exec(l))
      .find((m) => m?.[1] === session);
    if (found) return found;
    if (Date.now() > deadline) return null;
    await sleep(50);
  }
}

async function oneRun(): Promise<LaunchRun> {
  const env = { PATH: `${FAKE_CLAUDE}${delimiter}${process.env.PATH ?? ''}`, FAKE_CLAUDE_STEP_MS: '2500', FAKE_CLAUDE_LINGER_MS: '300' };
  return withDemoServe(env, async (app) => {
    const browser = await launchWebChromium();
    try {
      const context = await newWebContext(browser);
      const page = await context.newPage();
      const ui = new AppPage(page);
      const dispatch = new DispatchPage(page);
      await page.goto(app.openUrl);
      await ui.waitConnected();
      const watcher = await context.newPage();
      await watcher.goto(app.openUrl);
      await new AppPage(watcher).waitConnected();
      await new AppPage(watcher).openView('Sessions');

      await ui.openView('Dispatch');
      await dispatch.approveWithReason(2, 'Batch 1 is far enough along');
      await expect(page.getByTestId('approval-result')).toContainText('Batch 2 approved');
      // The approval's own work (Linear sub-issues, merge queue, plan re-read) finishes first.
      await expect(page.locator('[data-testid="sub-issue-row"][data-status="created"]')).toHaveCount(2, { timeout: 20_000 });
      await page.waitForTimeout(1500);
      const panel = dispatch.batch(2).getByTestId('launch-panel');
      await expect(panel.getByTestId('claude-missing')).toHaveCount(0);
      const row = panel.getByTestId('launch-row').filter({ hasText: ISSUE });
      const session = (await row.getAttribute('data-session')) ?? '?';
      const button = row.getByTestId('launch-one');
      await expect(button).toBeEnabled();

      await watchForWorking(watcher, ROW_TEXT, TIMEOUT_MS);
      const watcherVisibility = await watcher.evaluate(() => document.visibilityState);
      // Click in the page and time the Running button there; the Sessions window times Working.
      const launched = await button.evaluate(
        (el, [sel, timeout]) =>
          new Promise<{ clickedAt: number; launchedAt: number }>((resolve, reject) => {
            const clickedAt = Date.now();
            const observer = new MutationObserver(() => {
              if (!document.querySelector(sel)) return;
              observer.disconnect();
              resolve({ clickedAt, launchedAt: Date.now() });
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            setTimeout(() => {
              observer.disconnect();
              reject(new Error(`no Running button within ${timeout} ms`));
            }, timeout);
            (el as HTMLButtonElement).click();
          }),
        [`[data-testid="batch"][data-batch="2"] [data-testid="launch-row"][data-session="${session}"] [data-testid="launched"]`, TIMEOUT_MS] as const,
      );
      const workingAt = await watcher.evaluate(() => window.__benchWorkingAt ?? Promise.reject(new Error('no watch installed')));
      const line = await coreLine(app.output, session);
      return {
        session,
        toWorkingMs: workingAt - launched.clickedAt,
        toLaunchedMs: launched.launchedAt - launched.clickedAt,
        core: line ? { worktreeMs: Number(line[2]), claudeStartedMs: Number(line[3]), registryRowMs: Number(line[4]) } : null,
        watcherVisibility,
      };
    } finally {
      await browser.close();
    }
  });
}

export async function runLaunchScenario(options: LaunchOptions): Promise<LaunchResult> {
  const runs: LaunchRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const r = await oneRun();
    const core = r.core ? `core: worktree ${r.core.worktreeMs} ms, claude started ${r.core.claudeStartedMs} ms, registry row ${r.core.registryRowMs} ms` : 'no core log line';
    options.log(`  run ${i + 1}: ${r.session} click → Working ${r.toWorkingMs} ms (→ Running button ${r.toLaunchedMs} ms; ${core}; watcher ${r.watcherVisibility})`);
    runs.push(r);
  }
  const cores = runs.flatMap((r) => (r.core ? [r.core] : []));
  const coreMedian = (f: (c: NonNullable<LaunchRun['core']>) => number): number | null => (cores.length ? round(median(cores.map(f))) : null);
  const working = runs.map((r) => r.toWorkingMs);
  return {
    runs,
    summary: {
      medianMs: round(median(working)),
      minMs: Math.min(...working),
      maxMs: max(working),
      launchedMedianMs: round(median(runs.map((r) => r.toLaunchedMs))),
      coreWorktreeMedianMs: coreMedian((c) => c.worktreeMs),
      coreClaudeStartedMedianMs: coreMedian((c) => c.claudeStartedMs),
      coreRegistryRowMedianMs: coreMedian((c) => c.registryRowMs),
      afterClaudeStartedMedianMs: cores.length ? round(median(runs.flatMap((r) => (r.core ? [r.toWorkingMs - r.core.claudeStartedMs] : [])))) : null,
    },
    loadAverage: round(loadavg()[0] ?? 0, 1),
  };
}
