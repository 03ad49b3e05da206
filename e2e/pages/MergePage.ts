import type { Locator, Page } from '@playwright/test';

/** The Merge view as a person sees it: a queue per plan and base, its verdicts, matrix and backups. */
export class MergePage {
  constructor(readonly page: Page) {}

  queue(): Locator {
    return this.page.getByTestId('merge-queue').first();
  }

  row(branch: string): Locator {
    return this.page.locator(`[data-testid="merge-row"][data-branch="${branch}"]`);
  }

  verdict(branch: string): Locator {
    return this.row(branch).getByTestId('merge-verdict');
  }

  mergeNext(): Locator {
    return this.queue().getByTestId('merge-next');
  }

  matrix(): Locator {
    return this.queue().getByTestId('conflict-matrix');
  }

  predictedConflicts(): Locator {
    return this.queue().getByTestId('predicted-conflicts');
  }

  undoButtons(): Locator {
    return this.queue().getByTestId('undo');
  }
}
