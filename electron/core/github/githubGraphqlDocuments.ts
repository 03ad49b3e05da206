/**
 * Every GraphQL document Switchyard sends to GitHub (REST covers the rest). One exported const per
 * document; `githubGraphqlContract.test.ts` validates each against GitHub's full public schema.
 */

/** Draft → ready for review: REST has no endpoint for it. */
export const MARK_READY_FOR_REVIEW_MUTATION = /* GraphQL */ `
  mutation SwitchyardMarkReady($id: ID!) {
    markPullRequestReadyForReview(input: { pullRequestId: $id }) {
      pullRequest { number isDraft }
    }
  }
`;
