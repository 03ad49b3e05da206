import type { reviewRequests } from '../../../../shared/contract/reviewRequests';
import { readReviewDiff } from '../../review/readReviewDiff';
import { reviewTarget } from '../../review/reviewTarget';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

export function reviewHandlers(ctx: CoreContext): Pick<RequestHandlers, keyof typeof reviewRequests> {
  return {
    // The store's view is what the person is looking at: the same queue base and session worktree.
    'review.diff': (subject) => readReviewDiff(reviewTarget(ctx.store.current, subject)),
  };
}
