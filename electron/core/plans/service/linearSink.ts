import type { SubIssueCreation, SubIssueRow } from '../../../../shared/domain/linear';

/**
 * What the plans service needs from the Linear service (being built beside it): master issue ids to
 * poll, and sub-issue creation for an approved batch. Null when Linear is not configured.
 */
export interface LinearSink {
  setMasterIssues(ids: string[]): void;
  createSubIssues(input: { planPath: string; planHash: string; masterIssueId: string; rows: SubIssueRow[] }): Promise<SubIssueCreation[]>;
}
