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
    return this.mergeItems(batch).evaluateAll((items) => items.map((i) => i.getAttribute('data-phase') ?? ''));
  }

  approve(batch: number): Locator {
    return this.batch(batch).getByTestId('approve-batch');
  }
}
