import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type ViewName = 'Sessions' | 'Dispatch' | 'Merge' | 'Plans' | 'Settings';

/** The app as a person sees it, the same in the browser (serve mode) and the Electron window. */
export class AppPage {
  constructor(readonly page: Page) {}

  async waitConnected(): Promise<void> {
    await expect(this.page.getByText('Connected', { exact: true })).toBeVisible();
  }

  async openView(view: ViewName): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: view })).toBeVisible();
  }

  sessionRows(): Locator {
    return this.page.getByTestId('session-row');
  }

  async screenshot(name: string): Promise<string> {
    const dir = join('e2e', 'artifacts');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}.png`);
    await this.page.screenshot({ path, fullPage: false });
    return path;
  }
}
