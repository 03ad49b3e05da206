import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { DispatchPage } from '../pages/DispatchPage';
import { SessionsPage } from '../pages/SessionsPage';
import { serveApp, type ServedApp } from '../support/serveApp';

// Rule book §8 "Failed sessions": marked Failed with a brief reason, the next batch waits for a human review.
let app: ServedApp;
test.beforeAll(async () => {
  app = await serveApp(['--demo']);
});
test.afterAll(async () => {
  await app.stop();
});

const WT = (n: number) => `claude-command-centre-cia-${n}`;

test('marking a session Failed holds the batch that depends on it until a review is recorded', async ({ page }) => {
  const ui = new AppPage(page);
  const sessions = new SessionsPage(page);
  const dispatch = new DispatchPage(page);
  await page.goto(app.openUrl);
  await ui.waitConnected();

  await sessions.openDetail(WT(542));
  await sessions.detail().getByTestId('failed-open').click();
  await sessions.detail().getByTestId('failed-reason').fill('rules engine went in circles');
  await sessions.detail().getByTestId('failed-submit').click();
  await expect(page.getByText('Marked Failed in the plan')).toBeVisible();

  await ui.openView('Dispatch');
  const gate = dispatch.violations(dispatch.batch(2)).filter({ hasText: 'complete the earlier batches first' });
  await expect(gate).toContainText('Failed without a recorded human review: 1B');
  await expect(dispatch.approve(2)).toBeDisabled();
  await ui.screenshot('dispatch-failed-session-holds-batch');

  // The review is recorded from the same place; the gate then no longer names a failed output.
  await ui.openView('Sessions');
  await sessions.openDetail(WT(542));
  await sessions.detail().getByTestId('failed-open').click();
  await sessions.detail().getByTestId('failed-reason').fill('parser half is usable');
  await sessions.detail().getByTestId('failed-submit').click();
  await expect(page.getByText(/Marked Failed in the plan|Review recorded in the plan/).last()).toBeVisible();
  await ui.openView('Dispatch');
  await expect(dispatch.violations(dispatch.batch(2)).filter({ hasText: 'Failed without a recorded human review' })).toHaveCount(0, { timeout: 10_000 });
});
