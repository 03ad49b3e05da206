import { loadavg } from 'node:os';
import { expect } from '@playwright/test';
import { AppPage } from '../../e2e/pages/AppPage';
import { MergePage } from '../../e2e/pages/MergePage';
import { ReviewPage } from '../../e2e/pages/ReviewPage';
import { BIG_DIFF_BRANCH, BIG_DIFF_FILE, BIG_DIFF_LINES, commitBigChange, timeReviewOpen } from '../../e2e/support/reviewWorld';
import { launchWebChromium, newWebContext } from '../lib/browser';
import { withDemoServe } from '../lib/demoServe';
import { max, median, round } from '../lib/stats';

/**
 * Scenario 12: the diff review of a 5,000-line change (e2e/web/review.spec.ts's world and timing
 * points, from e2e/support/reviewWorld). Per run a fresh demo workspace with the big commit on its
 * first branch; in the Merge view, Review is clicked and the page times click → the frame after the
 * first diff rows, and when the diff's data arrived (the renderer's `switchyard:review-data` mark).
 * The page's own part is the rest. Then Esc and Review again, REOPENS times: the core answers from
 * its cache, so a reopen is the socket and the page alone.
 */

const REOPENS = 5;

export interface ReviewRun {
  firstOpenMs: number;
  /** First open minus the data's arrival: what the page itself spent. */
  firstPageMs: number;
  /** The core's own time for the diff (git + parse), as the review reports it. */
  coreMs: number;
  reopenMs: number[];
  reopenPageMs: number[];
  rowsInDiff: number;
  rowsInDom: number;
}

export interface ReviewResult {
  lines: number;
  runs: ReviewRun[];
  summary: {
    firstOpenMedianMs: number;
    firstOpenMinMs: number;
    firstOpenMaxMs: number;
    firstPageMedianMs: number;
    coreMedianMs: number;
    reopenMedianMs: number;
    reopenMaxMs: number;
    reopenPageMedianMs: number;
  };
  loadAverage: number;
}

export interface ReviewOptions {
  runs: number;
  log: (line: string) => void;
}

async function oneRun(): Promise<ReviewRun> {
  return withDemoServe({}, async (app) => {
    commitBigChange(app.demoRoot ?? '');
    const browser = await launchWebChromium();
    try {
      const page = await (await newWebContext(browser)).newPage();
      const ui = new AppPage(page);
      const merge = new MergePage(page);
      const review = new ReviewPage(page);
      await page.goto(app.openUrl);
      await ui.waitConnected();
      await ui.openView('Merge');
      // The demo's two commits plus the generated table's: the queue has seen the big commit.
      await expect(merge.row(BIG_DIFF_BRANCH)).toContainText('↑3');
      const button = merge.row(BIG_DIFF_BRANCH).getByTestId('merge-review');
      const first = await timeReviewOpen(button);
      const coreMs = Number(await review.root().getAttribute('data-computed-ms'));
      await expect(review.files()).toContainText(BIG_DIFF_FILE);
      const rowsInDiff = Number(await review.body().getAttribute('data-rows'));
      const rowsInDom = await review.lines().count();
      const reopenMs: number[] = [];
      const reopenPageMs: number[] = [];
      for (let i = 0; i < REOPENS; i++) {
        await page.keyboard.press('Escape');
        await expect(review.root()).toBeHidden();
        const t = await timeReviewOpen(button);
        reopenMs.push(round(t.openMs, 1));
        reopenPageMs.push(round(t.openMs - t.dataMs, 1));
      }
      return { firstOpenMs: round(first.openMs, 1), firstPageMs: round(first.openMs - first.dataMs, 1), coreMs, reopenMs, reopenPageMs, rowsInDiff, rowsInDom };
    } finally {
      await browser.close();
    }
  });
}

export async function runReviewScenario(options: ReviewOptions): Promise<ReviewResult> {
  const runs: ReviewRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const r = await oneRun();
    options.log(
      `  run ${i + 1}: first open ${Math.round(r.firstOpenMs)} ms (core ${r.coreMs} ms, page ${Math.round(r.firstPageMs)} ms); reopened ${r.reopenMs.map(Math.round).join('/')} ms; ${r.rowsInDom} of ${r.rowsInDiff} rows in the DOM`,
    );
    runs.push(r);
  }
  const firsts = runs.map((r) => r.firstOpenMs);
  const reopens = runs.flatMap((r) => r.reopenMs);
  return {
    lines: BIG_DIFF_LINES,
    runs,
    summary: {
      firstOpenMedianMs: round(median(firsts)),
      firstOpenMinMs: round(Math.min(...firsts)),
      firstOpenMaxMs: round(max(firsts)),
      firstPageMedianMs: round(median(runs.map((r) => r.firstPageMs))),
      coreMedianMs: round(median(runs.map((r) => r.coreMs))),
      reopenMedianMs: round(median(reopens)),
      reopenMaxMs: round(max(reopens)),
      reopenPageMedianMs: round(median(runs.flatMap((r) => r.reopenPageMs))),
    },
    loadAverage: round(loadavg()[0] ?? 0, 1),
  };
}
