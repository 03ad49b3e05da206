import type { Locator, Page } from '@playwright/test';

/** The Dispatch view as a person sees it: batches, violations, merge order, approval. */
export class DispatchPage {
  constructor(readonly page: Page) {}

  batch(index: number): Locator {
    return this.page.locator(`[data-testid="batch"][data-batch="${index}"]`);
  }

  violations(scope: Locator | Page = this.page): Locator {
    return scope.getByTestId('violation');
  }

  mergeItems(batch: number): Locator {
    return this.batch(batch).getByTestId('merge-order').getByTestId('merge-item');
  }

  async mergeOrder(batch: number): Promise<string[]> {
    return this.mergeItems(batch).evaluateAll((items) => items.map((i) => i.getAttribute('data-session') ?? ''));
  }

  approve(batch: number): Locator {
    return this.batch(batch).getByTestId('approve-batch');
  }

  overrideReason(batch: number): Locator {
    return this.batch(batch).getByTestId('override-reason');
  }

  /** The demo's batch 2 waits for batch 1 (§1): approving it now takes a written reason. */
  async approveWithReason(batch: number, reason: string): Promise<void> {
    await this.overrideReason(batch).fill(reason);
    await this.approve(batch).click();
  }
}
