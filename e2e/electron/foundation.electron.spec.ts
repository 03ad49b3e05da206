import { _electron as electron, expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { electronBinaryOrReason } from '../support/electronBinary';

const binary = electronBinaryOrReason();
if (!binary.path) {
  // Printed so a CI log says why these did not run, not just "skipped".
  console.log(`[e2e electron] skipped: ${binary.reason}`);
}

test.describe('desktop window', () => {
  test.skip(!binary.path, binary.path ? '' : `no Electron binary: ${binary.reason}`);

  test('the Electron window lists the demo workspace worktrees', async () => {
    const app = await electron.launch({ executablePath: binary.path ?? '', args: ['.', '--demo'] });
    try {
      const page = await app.firstWindow();
      const ui = new AppPage(page);
      await ui.waitConnected();
      await expect(ui.sessionRows()).toHaveCount(4);
      // The renderer has no Node and only the contract bridge.
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { switchyard: { api: object } }).switchyard.api).length)).toBeGreaterThan(3);
      await ui.screenshot('electron-worktrees');
    } finally {
      await app.close();
    }
  });
});
