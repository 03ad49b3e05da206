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
