import { agentInfo } from '../dispatch/agents';
import { subIssueAssignee } from '../dispatch/subIssue';

/**
 * §4 "Assignee: Target agent (Claude, Tembo) or unassigned for human pickup": which Linear user an
 * Agent cell names (pure). App users (agents such as Tembo, Cursor) are delegated to — Linear's
 * agent delegation — people are assigned; an empty cell or `human` leaves the sub-issue for a person
 * to pick up; a name no Linear user carries is unassigned, with a warning that says so.
 */

export interface AgentUser {
  id: string;
  name: string;
  displayName: string;
  email: string;
  active: boolean;
  app: boolean;
}

export type AgentAssignee =
  | { kind: 'unassigned'; reason: 'human-pickup' }
  | { kind: 'unmatched'; wanted: string; warning: string }
  /** `delegate`: an app user (Linear `delegateId`); `assign`: a person (`assigneeId`). */
  | { kind: 'delegate' | 'assign'; user: AgentUser };

const HUMAN_PICKUP = /^(|human|humans?( pickup)?|unassigned|none|nobody|-+|—|–|n\/a)$/i;

/** The names an Agent cell may go by in Linear, best first: as written, then the rule book's name for it. */
export function agentNameCandidates(cell: string): string[] {
  const written = cell.trim().replace(/\s+/g, ' ');
  const names = [written, subIssueAssignee(written) ?? '', agentInfo(written).label];
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}

function userNames(u: AgentUser): string[] {
  const email = u.email.toLowerCase();
  return [u.name, u.displayName, email, email.split('@')[0] ?? ''].map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
}

export function matchAgentUser(agentCell: string | null | undefined, users: readonly AgentUser[]): AgentAssignee {
  const cell = (agentCell ?? '').trim();
  if (HUMAN_PICKUP.test(cell)) return { kind: 'unassigned', reason: 'human-pickup' };
  const candidates = agentNameCandidates(cell);
  // Deactivated users cannot take work; an external agent prefers an app user of that name.
  const external = agentInfo(cell).external;
  const ranked = [...users].filter((u) => u.active).sort((a, b) => Number(b.app === external) - Number(a.app === external));
  for (const name of candidates) {
    const wanted = name.toLowerCase();
    const user = ranked.find((u) => userNames(u).includes(wanted));
    if (user) return { kind: user.app ? 'delegate' : 'assign', user };
  }
  const wanted = candidates[0] ?? cell;
  return {
    kind: 'unmatched',
    wanted,
    warning: `No Linear user matches "${wanted}" (name, display name or email): the sub-issue is left unassigned. Add ${wanted} to the Linear workspace, or change the Agent cell.`,
  };
}

/** The assignment fields to send to Linear for a match. */
export function assignmentFields(match: AgentAssignee): { assigneeId?: string; delegateId?: string } {
  if (match.kind === 'delegate') return { delegateId: match.user.id };
  if (match.kind === 'assign') return { assigneeId: match.user.id };
  return {};
}
