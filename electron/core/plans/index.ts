/** Plan files: parse, write back byte-preservingly, naming rules, discovery (formats.md §2.1). */
export { parsePlan, LOG_SECTIONS } from './parsePlan';
export {
  appendToSection,
  renderIssue,
  setSessionRegistryStatus,
  upsertSection,
  upsertSessionRegistryRows,
  SESSION_REGISTRY_COLUMNS,
  SESSION_REGISTRY_HEADING,
  type SessionRegistryUpsert,
} from './planWriter';
export {
  readPlanFile,
  writePlanFileSafely,
  type PlanEdit,
  type PlanFileSnapshot,
  type SafeWriteOptions,
  type SafeWriteResult,
  type SafeWriteStatus,
} from './planFile';
export {
  classifyPlanFileName,
  isValidDate,
  projectShortFor,
  suggestStructuredFileName,
  suggestStructuredName,
  PROJECT_SHORTS,
  type PlanNameInfo,
  type PlanNameKind,
  type StructuredNameInput,
} from './planNaming';
export {
  findUnlinkedIssueIds,
  issueUrl,
  linkUnlinkedIssueIds,
  type UnlinkedIssueId,
  type UnlinkedIssueIdOptions,
} from './unlinkedIssueIds';
export { renamePlanFile, suggestNameForPlan, type RenamePlanResult, type SuggestNameOptions } from './renamePlan';
export { countFileNameReferences, replaceFileNameReferences } from './planReferences';
export {
  discoverPlans,
  planFolders,
  REPO_PLAN_FOLDERS,
  type DiscoveredPlan,
  type PlanFolder,
  type PlanFolderInput,
  type PlanSource,
} from './discoverPlans';
export { contentHash } from './contentHash';
export { readMarkdownTables, type MarkdownTable } from './markdownTables';
