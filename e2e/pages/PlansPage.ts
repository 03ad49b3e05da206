import type { Locator, Page } from '@playwright/test';

/** The Plans view: one row per plan file with its problems and fixes. */
export class PlansPage {
  constructor(readonly page: Page) {}

  row(fileName: string): Locator {
    return this.page.locator(`[data-testid="plan-row"][data-file="${fileName}"]`);
  }
}
