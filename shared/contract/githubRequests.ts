import { z } from 'zod';
import { FeedbackItemSchema } from '../domain/feedback';
import { PullRequestStateSchema } from '../domain/github';
import { MergeStrategySchema } from '../domain/merge';
import { defineRequest } from './requestSpec';

const queueId = z.string().min(1).max(64);
const branch = z.string().min(1).max(250);

/** Per branch of a queue: its pull request, or why there is none (no remote, no token, not opened yet). */
export const PullEntrySchema = z.object({
  branch: z.string(),
  pull: PullRequestStateSchema.nullable(),
  /** Why the queue merges locally or the state could not be read; null when GitHub answered. */
  problem: z.string().nullable(),
  /** Why "Merge PR" is not allowed for this entry now; null when it is. */
  mergeBlocker: z.string().nullable(),
  /** A draft whose session is Done: "Mark ready for review" is offered. */
  readyToMark: z.boolean(),
});
export type PullEntry = z.infer<typeof PullEntrySchema>;

const SessionPullFeedbackSchema = z.object({ pull: PullRequestStateSchema.nullable(), items: z.array(FeedbackItemSchema), problem: z.string().nullable() });

const TokenStatusSchema = z.object({
  hasToken: z.boolean(),
  describe: z.string(),
  storageProblem: z.string().nullable(),
  /** Where requests go: SWITCHYARD_GITHUB_API_URL, Settings' API URL, or each remote's own host. */
  apiUrl: z.object({
    source: z.enum(['env', 'settings', 'remote']),
    url: z.string().nullable(),
    /** Settings' URL is not confirmed for the token yet: nothing is sent until the person confirms or saves a token. */
    needsConfirmation: z.boolean(),
  }),
});

/** Requests of the GitHub domain: pull requests for merge queue entries. */
export const githubRequests = {
  'github.tokenStatus': defineRequest({
    summary: 'Where the GitHub token comes from (never the token itself).',
    request: z.object({}).strict(),
    result: TokenStatusSchema,
  }),
  'github.setToken': defineRequest({
    summary: 'Save (or remove, with null) the GitHub token; it is never sent back. Without one, GITHUB_TOKEN or `gh auth token` is used.',
    request: z.object({ token: z.string().trim().min(1).max(400).nullable() }).strict(),
    result: TokenStatusSchema,
  }),
  'github.confirmApiUrl': defineRequest({
    summary: "Send the token the person has to Settings' GitHub API URL (only if it is still `apiUrl`).",
    request: z.object({ apiUrl: z.string().min(1).max(500) }).strict(),
    result: TokenStatusSchema,
  }),
  'github.pulls': defineRequest({
    summary: "The pull request of every branch of a queue, with reviews, checks and mergeability, read now.",
    request: z.object({ queueId }).strict(),
    result: z.object({
      available: z.boolean(),
      problem: z.string().nullable(),
      entries: z.array(PullEntrySchema),
      /** The merge methods the repository allows (null: not read); the queue's strategy outside them is refused by GitHub. */
      allowedMethods: z.array(MergeStrategySchema).nullable(),
    }),
  }),
  'github.openPull': defineRequest({
    summary: 'Push the branch to origin and open its pull request (a draft while the session is not done).',
    request: z.object({ queueId, branch }).strict(),
    result: z.object({ number: z.number(), url: z.string(), created: z.boolean() }),
  }),
  'github.markReady': defineRequest({
    summary: "Mark the branch's draft pull request ready for review (its session must be Done); GitHub's GraphQL markPullRequestReadyForReview.",
    request: z.object({ queueId, branch }).strict(),
    result: z.object({ number: z.number(), message: z.string() }),
  }),
  'github.mergePull': defineRequest({
    summary: "Merge the queue's next pull request through GitHub (its checks and reviews must allow it), then rebase or retarget the one after it.",
    request: z.object({ queueId }).strict(),
    result: z.object({
      ok: z.boolean(),
      message: z.string(),
      /** Set when GitHub refused the queue's strategy because the repository turns it off: what it allows. */
      allowedMethods: z.array(MergeStrategySchema).nullable(),
    }),
  }),
  'github.sessionFeedback': defineRequest({
    summary: "Review comments, requested changes and failing checks of the session's own pull request; feedback touching another session is flagged.",
    request: z.object({ sessionId: z.string().min(1).max(4096) }).strict(),
    result: SessionPullFeedbackSchema,
  }),
  'github.sessionsFeedback': defineRequest({
    summary: "The same feedback for every session that has a pull request (the Sessions rows' markers); one pull request list per repository.",
    request: z.object({}).strict(),
    result: z.object({ bySession: z.record(z.string(), SessionPullFeedbackSchema) }),
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
