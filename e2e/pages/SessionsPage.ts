import { expect, type Locator, type Page } from '@playwright/test';

/** The Sessions view as a person sees it: rows, their cells, filters and the detail panel. */
export class SessionsPage {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.getByTestId('session-row');
  }

  /** The row whose session or worktree folder shows `name`. */
  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByText(name, { exact: true }) });
  }

  status(name: string): Locator {
    return this.row(name).getByTestId('session-status');
  }

  changedFiles(name: string): Locator {
    return this.row(name).getByTestId('changed-files');
  }

  collisionMarker(name: string): Locator {
    return this.row(name).getByTestId('collision-marker');
  }

  header(label: string): Locator {
    return this.page.getByRole('columnheader', { name: label });
  }

  async sortBy(label: string): Promise<void> {
    await this.header(label).getByRole('button').click();
  }

  async filterStatus(value: string): Promise<void> {
    await this.page.getByTestId('filter-status').selectOption(value);
  }

  detail(): Locator {
    return this.page.getByTestId('session-detail');
  }

  async openDetail(name: string): Promise<void> {
    await this.row(name).click();
    await expect(this.detail()).toBeVisible();
  }

  /** Session names in the order the table shows them. */
  async namesInOrder(): Promise<string[]> {
    return this.rows().locator('.sessions-title').allTextContents();
  }
}
