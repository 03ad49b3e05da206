import { agentInfo } from '../dispatch/agents';
import { assertOneAppMention } from '../findings/mentionComment';
import type { AgentUser } from './agentAssignee';

/**
 * §9 @mention dispatch, pure: `@tembo Implement: <focus>` followed by the dispatch prompt, with
 * exactly ONE app-user @mention per comment ("Max 1 app user @mention per Linear comment"): the
 * prompt goes in a code fence, where Linear turns no `@name` into a mention; the §9 findings
 * dispatch's own check (`assertOneAppMention`) then confirms it.
 */

/** How the agent is @mentioned: its Linear display name when it has a user, else its name as one word. */
export function mentionHandle(agentCell: string, user: Pick<AgentUser, 'displayName'> | null): string {
  const fromUser = user?.displayName.trim().replace(/^@/, '') ?? '';
  if (fromUser !== '' && /^[\w.-]+$/.test(fromUser)) return fromUser;
  const label = agentInfo(agentCell).label || agentCell;
  return label.toLowerCase().replace(/[^a-z0-9._-]+/g, '') || 'agent';
}

/** The comment's first line; also how an earlier identical dispatch is recognised (no second comment). */
export function delegationHeadline(handle: string, focus: string): string {
  return `@${handle} Implement: ${focus.replace(/\s+/g, ' ').trim()}`;
}

/** A fence longer than any run of backticks inside, so the prompt cannot close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}text\n${text.replace(/\s+$/, '')}\n${marks}`;
}

export function delegationComment(handle: string, focus: string, prompt: string, appUsers: readonly Pick<AgentUser, 'displayName'>[] = []): string {
  const lines = [delegationHeadline(handle, focus)];
  if (prompt.trim() !== '') lines.push('', 'Dispatch prompt:', '', fence(prompt));
  const body = `${lines.join('\n')}\n`;
  assertOneAppMention(body, [...appUsers, { displayName: handle }]);
  return body;
}
