/**
 * Every GraphQL document Switchyard sends to Linear, hand-written (the SDK's model getters cost one
 * request each). One exported const per document; `contract.test.ts` validates each against Linear's
 * full public schema.
 */

/** The ONE poll request per plan: the master issue, its children (one page), their states and labels. */
export const PLAN_POLL_QUERY = /* GraphQL */ `
  query SwitchyardPlanPoll($id: String!, $first: Int!, $after: String, $childFilter: IssueFilter) {
    issue(id: $id) {
      id
      identifier
      title
      url
      updatedAt
      estimate
      state { id name type }
      assignee { id name }
      delegate { id name }
      labels(first: 10) { nodes { id name parent { id name } } }
      children(first: $first, after: $after, filter: $childFilter) {
        nodes {
          id
          identifier
          title
          url
          updatedAt
          estimate
          state { id name type }
          assignee { id name }
          delegate { id name }
          labels(first: 10) { nodes { id name parent { id name } } }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

/** Connection check / "who am I" (also gives the default assignee). */
export const VIEWER_QUERY = /* GraphQL */ `
  query SwitchyardViewer {
    viewer { id name displayName email }
  }
`;

export const TEAMS_QUERY = /* GraphQL */ `
  query SwitchyardTeams {
    teams(first: 50) { nodes { id key name } }
  }
`;

/** What sub-issue creation needs: the master's team and its existing children with their descriptions (markers). */
export const SUB_ISSUE_CONTEXT_QUERY = /* GraphQL */ `
  query SwitchyardSubIssueContext($id: String!, $after: String) {
    issue(id: $id) {
      id
      identifier
      team { id key }
      children(first: 100, after: $after) {
        nodes { id identifier title description }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

/** Label lookup; the filter covers flat `exec:tdd`, grouped `exec`→`tdd` and the `exec` group itself. */
export const LABEL_LOOKUP_QUERY = /* GraphQL */ `
  query SwitchyardLabelLookup($filter: IssueLabelFilter!) {
    issueLabels(first: 50, filter: $filter) {
      nodes { id name isGroup parent { id name } team { id } }
    }
  }
`;

export const LABEL_CREATE_MUTATION = /* GraphQL */ `
  mutation SwitchyardLabelCreate($input: IssueLabelCreateInput!) {
    issueLabelCreate(input: $input) {
      success
      issueLabel { id name isGroup parent { id name } team { id } }
    }
  }
`;

export const ISSUE_CREATE_MUTATION = /* GraphQL */ `
  mutation SwitchyardIssueCreate($input: IssueCreateInput!) {
    issueCreate(input: $input) {
      success
      issue { id identifier url }
    }
  }
`;

/** An issue's current state and its team's workflow states (for status write-back), in one request. */
export const ISSUE_TEAM_STATES_QUERY = /* GraphQL */ `
  query SwitchyardIssueTeamStates($id: String!) {
    issue(id: $id) {
      id
      state { id name type }
      team { id states(first: 50) { nodes { id name type position } } }
    }
  }
`;

export const ISSUE_UPDATE_STATE_MUTATION = /* GraphQL */ `
  mutation SwitchyardIssueUpdateState($id: String!, $input: IssueUpdateInput!) {
    issueUpdate(id: $id, input: $input) {
      success
      issue { id state { id name type } }
    }
  }
`;

/** Workspace members and app users (agents such as Tembo, Cursor, Copilot): who an Agent cell names. */
export const USERS_QUERY = /* GraphQL */ `
  query SwitchyardUsers($after: String) {
    users(first: 100, after: $after) {
      nodes { id name displayName email active app }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Assign an issue to a person, or delegate it to an agent (app user), in one update. */
export const ISSUE_ASSIGN_MUTATION = /* GraphQL */ `
  mutation SwitchyardIssueAssign($id: String!, $input: IssueUpdateInput!) {
    issueUpdate(id: $id, input: $input) {
      success
      issue { id identifier assignee { id name } delegate { id name } }
    }
  }
`;

/** A comment on an issue (an @mention dispatch, a predicted-conflict note on the master issue). */
export const COMMENT_CREATE_MUTATION = /* GraphQL */ `
  mutation SwitchyardCommentCreate($input: CommentCreateInput!) {
    commentCreate(input: $input) {
      success
      comment { id url createdAt }
    }
  }
`;

/** An issue's comments (e.g. a review findings table posted on it), oldest first, one page. */
export const ISSUE_COMMENTS_QUERY = /* GraphQL */ `
  query SwitchyardIssueComments($id: String!, $after: String) {
    issue(id: $id) {
      id
      identifier
      comments(first: 50, after: $after) {
        nodes { id body createdAt url user { id name displayName } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;
