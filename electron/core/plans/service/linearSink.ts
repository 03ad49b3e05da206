import type { SubIssueCreation, SubIssueRow } from '../../../../shared/domain/linear';

/**
 * What the plans service needs from the Linear service (being built beside it): master issue ids to
 * poll, and sub-issue creation for an approved batch. Null when Linear is not configured.
 */
export interface LinearSink {
  setMasterIssues(ids: string[]): void;
  /** §8 session exit: a comment on the master plan issue (RpcFailure 'unavailable' when not connected). */
  commentOnIssue?(issueId: string, body: string): Promise<{ id: string; url: string }>;
  /** Existing comment bodies, so a restart never posts the same comment twice. */
  issueCommentBodies?(issueId: string): Promise<string[]>;
  createSubIssues(input: { planPath: string; planHash: string; masterIssueId: string; rows: SubIssueRow[] }): Promise<SubIssueCreation[]>;
}
