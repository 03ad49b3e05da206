import type { Locator, Page } from '@playwright/test';

/** The diff review overlay as a person sees it: file list, the diff body, the conflicts tab. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('diff-review');
  }

  files(): Locator {
    return this.root().getByTestId('review-files');
  }

  body(): Locator {
    return this.root().getByTestId('diff-body');
  }

  lines(): Locator {
    return this.body().getByTestId('diff-line');
  }

  fileHeader(path: string): Locator {
    return this.body().locator(`[data-testid="diff-file"][data-path="${path}"]`);
  }

  conflictsTab(): Locator {
    return this.root().getByTestId('review-conflicts-tab');
  }

  layout(name: 'Unified' | 'Side by side'): Locator {
    return this.root().getByRole('button', { name, exact: true });
  }
}
