import { agentInfo, type AgentId } from '../../dispatch/agents';

/**
 * Branch prefixes external agents push under when the plan records no branch. Cursor's is documented
 * (`cursor/<issue-id>`); the others push `<agent>/…` names that carry the issue id.
 */
const CONVENTION_PREFIXES: Partial<Record<AgentId, readonly string[]>> = {
  tembo: ['tembo/'],
  cursor: ['cursor/'],
  copilot: ['copilot/'],
  codex: ['codex/'],
  cyrus: ['cyrus/'],
  'cto.new': ['cto/', 'cto-new/', 'ctonew/'],
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The issue id as a whole token of a branch name: `cia-56` is not in `cursor/cia-562`. */
function containsIssue(branch: string, issueId: string): boolean {
  return new RegExp(`(^|[^a-z0-9])${escapeRegExp(issueId.toLowerCase())}($|[^0-9])`).test(branch.toLowerCase());
}

/**
 * The branch an external agent's session works on, among the repository's branch names (short names,
 * local or origin): the recorded branch when the plan names one (only that name), else one following
 * the agent's convention and naming the issue — `<prefix><issue>` first, then the first by name. Pure.
 */
export function agentBranch(row: { agent: string | null; branch: string | null; issueId: string | null }, branches: readonly string[]): string | null {
  const recorded = row.branch?.trim().replace(/^`|`$/g, '') ?? '';
  if (recorded !== '') return branches.includes(recorded) ? recorded : null;
  const issue = row.issueId?.trim() ?? '';
  if (issue === '') return null;
  const prefixes = CONVENTION_PREFIXES[agentInfo(row.agent).id] ?? [];
  const candidates = branches
    .filter((b) => prefixes.some((p) => b.toLowerCase().startsWith(p)) && containsIssue(b, issue))
    .sort();
  const exact = candidates.find((b) => prefixes.some((p) => b.toLowerCase() === `${p}${issue.toLowerCase()}`));
  return exact ?? candidates[0] ?? null;
}
