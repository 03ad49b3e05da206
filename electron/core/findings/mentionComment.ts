import type { LinearAgent } from '../../../shared/domain/reviewFindings';

/**
 * The @mention dispatch comment (§9 step 4, pure): `@tembo Implement: <finding>` on the finding's
 * sub-issue. Linear's rule, enforced here: at most ONE app-user @mention per comment — so any other
 * agent's name inside the finding text is defused (wrapped in a code span, which Linear does not
 * turn into a mention), and a body that still names two agents is refused.
 */

export interface MentionFinding {
  title: string;
  location: string | null;
  recommendation: string | null;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mentionPattern(agents: readonly Pick<LinearAgent, 'displayName'>[]): RegExp | null {
  const names = agents.map((a) => a.displayName.trim()).filter(Boolean).map(escapeRe);
  if (!names.length) return null;
  return new RegExp(`(^|[^\\w\`@])@(${names.join('|')})(?![\\w-])`, 'giu');
}

/** Code spans (`…`) are not parsed for mentions; blank them out before counting. */
function withoutCodeSpans(body: string): string {
  return body.replace(/(`+)[\s\S]*?\1/g, (m) => ' '.repeat(m.length));
}

/** The app users a comment body @mentions, in order, repeats included. */
export function appMentionsIn(body: string, agents: readonly Pick<LinearAgent, 'displayName'>[]): string[] {
  const re = mentionPattern(agents);
  if (!re) return [];
  return [...withoutCodeSpans(body).matchAll(re)].map((m) => (m[2] ?? '').toLowerCase());
}

/** Agent names in free text become inert code spans (`@cursor`), so only the dispatch line mentions. */
export function defuseMentions(text: string, agents: readonly Pick<LinearAgent, 'displayName'>[]): string {
  const re = mentionPattern(agents);
  if (!re) return text;
  return text.replace(re, (_m, lead: string, name: string) => `${lead}\`@${name}\``);
}

export class MentionRuleError extends Error {
  constructor(readonly mentions: string[]) {
    super(`A Linear comment may @mention at most one app user; this one mentions ${mentions.map((m) => `@${m}`).join(', ')}.`);
    this.name = 'MentionRuleError';
  }
}

/** Throws unless the body mentions at most one app user (once or more, but one user). */
export function assertOneAppMention(body: string, agents: readonly Pick<LinearAgent, 'displayName'>[]): void {
  const distinct = [...new Set(appMentionsIn(body, agents))];
  if (distinct.length > 1) throw new MentionRuleError(distinct);
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The dispatch comment for one finding and one agent; checked against the one-mention rule. */
export function implementComment(agent: Pick<LinearAgent, 'displayName'>, finding: MentionFinding, agents: readonly Pick<LinearAgent, 'displayName'>[]): string {
  const safe = (s: string): string => defuseMentions(oneLine(s), agents);
  const lines = [`@${agent.displayName} Implement: ${safe(finding.title)}`];
  if (finding.location) lines.push('', `Location: ${safe(finding.location)}`);
  if (finding.recommendation) lines.push('', `Recommendation: ${safe(finding.recommendation)}`);
  const body = lines.join('\n');
  assertOneAppMention(body, [...agents, agent]);
  return body;
}

/** An earlier run's dispatch comment on the sub-issue (so a retry does not post a second one). */
export function isImplementComment(body: string, agents: readonly Pick<LinearAgent, 'displayName'>[]): boolean {
  const firstLine = body.split('\n', 1)[0] ?? '';
  return /\bImplement:/.test(firstLine) && appMentionsIn(firstLine, agents).length === 1;
}
