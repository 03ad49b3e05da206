import { GraphQLError } from 'graphql';
import { issueMatches, labelMatches, stateMatches, teamMatches } from './filters';
import { StoreInputError, type LinearTestStore, type StoreComment, type StoreIssue, type StoreLabel, type StoreState, type StoreTeam, type StoreUser } from './store';

/** Root value for graphql `execute`: Linear's behaviour for the subset schema, backed by the store. */

type Args = Record<string, unknown>;

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function inputError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { type: 'invalid input', code: 'INPUT_ERROR', statusCode: 400, userError: true, userPresentableMessage: message },
  });
}

function notFound(what: string): GraphQLError {
  return new GraphQLError(`Entity not found: ${what}`, {
    extensions: {
      type: 'invalid input',
      code: 'INPUT_ERROR',
      statusCode: 400,
      userError: true,
      userPresentableMessage: `Could not find referenced ${what}.`,
    },
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function rec(v: unknown): Args {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Args) : {};
}

function paginate<T extends { id: string }, V>(items: T[], args: Args, view: (t: T) => V): Page<V> {
  const first = typeof args.first === 'number' ? args.first : 50;
  if (first < 0 || first > 250) throw inputError('first must be between 0 and 250.');
  const after = str(args.after);
  let start = 0;
  if (after) {
    const idx = items.findIndex((i) => i.id === after);
    if (idx < 0) throw inputError('Invalid cursor.');
    start = idx + 1;
  }
  const slice = items.slice(start, start + first);
  return {
    nodes: slice.map(view),
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.id ?? null,
      endCursor: slice[slice.length - 1]?.id ?? null,
    },
  };
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof StoreInputError) throw inputError(e.message);
    throw e;
  }
}

export function createRootValue(store: LinearTestStore): Record<string, (args: Args) => unknown> {
  const userView = (u: StoreUser): StoreUser => u;

  const teamView = (t: StoreTeam): Record<string, unknown> => ({
    id: t.id,
    key: t.key,
    name: t.name,
    states: (args: Args) => paginate(store.statesOf(t.id).filter((s) => stateMatches(store, s, args.filter)), args, stateView),
    labels: (args: Args) =>
      paginate([...store.labels.values()].filter((l) => l.teamId === t.id && labelMatches(store, l, args.filter)), args, labelView),
  });

  const stateView = (s: StoreState): Record<string, unknown> => ({
    id: s.id,
    name: s.name,
    type: s.type,
    position: s.position,
    team: () => teamOrThrow(s.teamId),
  });

  const labelView = (l: StoreLabel): Record<string, unknown> => ({
    id: l.id,
    name: l.name,
    isGroup: l.isGroup,
    parent: () => (l.parentId ? labelView(store.labels.get(l.parentId) as StoreLabel) : null),
    team: () => (l.teamId ? teamOrThrow(l.teamId) : null),
    children: (args: Args) =>
      paginate([...store.labels.values()].filter((c) => c.parentId === l.id && labelMatches(store, c, args.filter)), args, labelView),
  });

  const teamOrThrow = (id: string): Record<string, unknown> => {
    const t = store.teams.get(id);
    if (!t) throw notFound('Team');
    return teamView(t);
  };

  const issueView = (i: StoreIssue): Record<string, unknown> => ({
    id: i.id,
    identifier: store.identifier(i),
    number: i.number,
    title: i.title,
    description: i.description,
    url: store.url(i),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    archivedAt: i.archivedAt,
    estimate: i.estimate,
    state: () => stateView(store.states.get(i.stateId) as StoreState),
    assignee: () => (i.assigneeId ? userView(store.users.get(i.assigneeId) as StoreUser) : null),
    delegate: () => (i.delegateId ? userView(store.users.get(i.delegateId) as StoreUser) : null),
    comments: (args: Args) => paginate(store.commentsOf(i.id), args, commentView),
    team: () => teamOrThrow(i.teamId),
    parent: () => {
      const p = i.parentId ? store.issues.get(i.parentId) : undefined;
      return p ? issueView(p) : null;
    },
    labels: (args: Args) =>
      paginate(
        i.labelIds.map((id) => store.labels.get(id)).filter((l): l is StoreLabel => !!l && labelMatches(store, l, args.filter)),
        args,
        labelView,
      ),
    children: (args: Args) =>
      paginate(
        store.childrenOf(i.id, args.includeArchived === true).filter((c) => issueMatches(store, c, args.filter)),
        args,
        issueView,
      ),
  });

  const commentView = (c: StoreComment): Record<string, unknown> => ({
    id: c.id,
    body: c.body,
    createdAt: c.createdAt,
    url: `${store.url(store.issues.get(c.issueId) as StoreIssue)}#comment-${c.id.slice(-8)}`,
    user: () => (c.userId ? userView(store.users.get(c.userId) as StoreUser) : null),
    issue: () => issueView(store.issues.get(c.issueId) as StoreIssue),
  });

  const issuePayload = (i: StoreIssue): Record<string, unknown> => ({ success: true, lastSyncId: store.nextSyncId(), issue: issueView(i) });

  return {
    issue: (args) => {
      const i = store.findIssue(str(args.id) ?? '');
      if (!i) throw notFound('Issue');
      return issueView(i);
    },
    viewer: () => {
      const u = store.viewerId ? store.users.get(store.viewerId) : undefined;
      if (!u) throw new GraphQLError('No viewer', { extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR' } });
      return userView(u);
    },
    users: (args) => paginate([...store.users.values()].filter((u) => u.active || args.includeDisabled === true), args, userView),
    teams: (args) => paginate([...store.teams.values()].filter((t) => teamMatches(t, args.filter)), args, teamView),
    team: (args) => {
      const id = str(args.id) ?? '';
      const t = store.teams.get(id) ?? [...store.teams.values()].find((x) => x.key === id);
      if (!t) throw notFound('Team');
      return teamView(t);
    },
    issueLabels: (args) =>
      paginate([...store.labels.values()].filter((l) => labelMatches(store, l, args.filter)), args, labelView),
    workflowStates: (args) =>
      paginate([...store.states.values()].filter((s) => stateMatches(store, s, args.filter)), args, stateView),
    issueCreate: (args) =>
      guard(() => {
        const input = rec(args.input);
        const issue = store.addIssue({
          id: str(input.id),
          teamId: str(input.teamId) ?? '',
          title: str(input.title) ?? '',
          description: str(input.description) ?? null,
          estimate: typeof input.estimate === 'number' ? input.estimate : null,
          stateId: str(input.stateId) ?? null,
          assigneeId: str(input.assigneeId) ?? null,
          delegateId: str(input.delegateId) ?? null,
          labelIds: Array.isArray(input.labelIds) ? input.labelIds.filter((x): x is string => typeof x === 'string') : [],
          parentId: str(input.parentId) ?? null,
        });
        return issuePayload(issue);
      }),
    issueUpdate: (args) =>
      guard(() => {
        const input = rec(args.input);
        const patch: Record<string, unknown> = {};
        for (const k of ['title', 'description', 'stateId', 'assigneeId', 'delegateId', 'parentId', 'estimate', 'labelIds']) {
          if (k in input) patch[k] = input[k];
        }
        return issuePayload(store.updateIssue(str(args.id) ?? '', patch));
      }),
    commentCreate: (args) =>
      guard(() => {
        const input = rec(args.input);
        const comment = store.addComment({ issueId: str(input.issueId) ?? '', body: str(input.body) ?? '', userId: store.viewerId });
        return { success: true, lastSyncId: store.nextSyncId(), comment: commentView(comment) };
      }),
    issueLabelCreate: (args) =>
      guard(() => {
        const input = rec(args.input);
        const label = store.addLabel({
          id: str(input.id),
          name: str(input.name) ?? '',
          isGroup: input.isGroup === true,
          parentId: str(input.parentId) ?? null,
          teamId: str(input.teamId) ?? null,
        });
        return { success: true, lastSyncId: store.nextSyncId(), issueLabel: labelView(label) };
      }),
  };
}
