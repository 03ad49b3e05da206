import { z } from 'zod';

/**
 * Feedback on a session's own pull request (rule book §7): each session sees only its own;
 * feedback that touches another session's work is flagged for the person to triage.
 */
export const FeedbackItemSchema = z.object({
  kind: z.enum(['changes-requested', 'comment', 'failing-check']),
  author: z.string(),
  body: z.string(),
  /** The file a review comment is on, when it is on one. */
  path: z.string().nullable(),
  url: z.string().nullable(),
  /** Other sessions this feedback touches (their files or names); non-empty: route to the person. */
  alsoTouches: z.array(z.object({ sessionName: z.string(), why: z.string() })),
});
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;

export interface OtherSession {
  name: string;
  branch: string | null;
  issueId: string | null;
  /** Paths the other session's branch changed. */
  files: readonly string[];
}

/**
 * Which other sessions a piece of feedback touches: a comment on a file another session also
 * changed, or text naming another session's issue or branch. Pure.
 */
export function crossSessionTouches(item: { body: string; path: string | null }, others: readonly OtherSession[]): FeedbackItem['alsoTouches'] {
  const touches: FeedbackItem['alsoTouches'] = [];
  const text = item.body.toLowerCase();
  for (const o of others) {
    if (item.path && o.files.includes(item.path)) touches.push({ sessionName: o.name, why: `${o.name} also changes ${item.path}` });
    else if (o.issueId && new RegExp(`\\b${o.issueId.toLowerCase()}\\b`).test(text)) touches.push({ sessionName: o.name, why: `names ${o.issueId}` });
    else if (o.branch && text.includes(o.branch.toLowerCase())) touches.push({ sessionName: o.name, why: `names ${o.branch}` });
  }
  return touches;
}

export interface FeedbackSummary {
  /** The compact words for the session's row, worst first: "changes requested", "2 checks failing", "3 comments". */
  words: string[];
  /** How many items touch another session's work: the person's to triage, not this session's. */
  forPerson: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The row's marker from the same items the session detail lists (one fact, two places): what the
 * session has to act on, and how much of it is flagged for the person instead. Pure.
 */
export function feedbackSummary(items: readonly FeedbackItem[]): FeedbackSummary {
  const count = (kind: FeedbackItem['kind']) => items.filter((i) => i.kind === kind).length;
  const changes = count('changes-requested');
  const failing = count('failing-check');
  const comments = count('comment');
  const words = [
    changes > 0 ? 'changes requested' : null,
    failing > 0 ? plural(failing, 'check failing', 'checks failing') : null,
    comments > 0 ? plural(comments, 'comment', 'comments') : null,
  ].filter((w): w is string => w !== null);
  return { words, forPerson: items.filter((i) => i.alsoTouches.length > 0).length };
}
