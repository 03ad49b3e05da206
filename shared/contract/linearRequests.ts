import { z } from 'zod';
import { subIssueCreationSchema, subIssueRowSchema } from '../domain/linear';
import type { LinearAccount } from '../state/appState';
import { defineRequest } from './requestSpec';

const account = z.custom<LinearAccount>();
const creations = z.array(subIssueCreationSchema);

/** Requests of the linear domain. The API key goes in (`linear.setKey`) and never comes back out. */
export const linearRequests = {
  'linear.setKey': defineRequest({
    summary: 'Save (or remove, with null) the Linear API key and reconnect; the key is never sent back.',
    request: z.object({ apiKey: z.string().trim().min(1).max(400).nullable() }).strict(),
    result: account,
  }),
  'linear.teams': defineRequest({
    summary: 'The Linear teams the key can see, for the team picker.',
    request: z.object({}).strict(),
    result: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
  }),
  'linear.setTeam': defineRequest({
    summary: 'Pick the Linear team (null clears it); saved in settings.',
    request: z.object({ teamId: z.string().min(1).nullable() }).strict(),
    result: account,
  }),
  'linear.refresh': defineRequest({
    summary: 'Poll Linear now (one master plan, or all), and reconnect when not connected.',
    request: z.object({ masterIssueId: z.string().min(1).optional() }).strict(),
    result: account,
  }),
  'linear.setVisible': defineRequest({
    summary: 'Whether the window is visible (polls slower when hidden).',
    request: z.object({ visible: z.boolean() }).strict(),
    result: z.object({ visible: z.boolean() }),
  }),
  'linear.setMasterIssues': defineRequest({
    summary: "The master plans' parent issues to poll (e.g. CIA-540); replaces the list.",
    request: z.object({ ids: z.array(z.string().min(1)).max(200) }).strict(),
    result: z.object({ ids: z.array(z.string()) }),
  }),
  'linear.createSubIssues': defineRequest({
    summary: 'Create one Linear sub-issue per approved dispatch row (idempotent); progress in linearCreations.',
    request: z
      .object({ planPath: z.string().min(1), planHash: z.string().min(1), masterIssueId: z.string().min(1), rows: z.array(subIssueRowSchema).min(1).max(100) })
      .strict(),
    result: creations,
  }),
  'linear.retryFailed': defineRequest({
    summary: 'Retry only the sub-issues of a plan whose creation failed.',
    request: z.object({ planPath: z.string().min(1) }).strict(),
    result: creations,
  }),
} satisfies Record<string, ReturnType<typeof defineRequest>>;
