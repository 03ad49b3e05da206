/** In-memory data behind the local Linear-compatible test server. */

export interface StoreTeam {
  id: string;
  key: string;
  name: string;
  nextNumber: number;
}

export interface StoreState {
  id: string;
  teamId: string;
  name: string;
  type: string;
  position: number;
}

export interface StoreUser {
  id: string;
  name: string;
  displayName: string;
  email: string;
  active: boolean;
  /** An app user: an integration or agent (Tembo, Cursor, Copilot…) that work can be delegated to. */
  app: boolean;
}

export interface StoreComment {
  id: string;
  issueId: string;
  body: string;
  userId: string | null;
  createdAt: string;
}

export interface StoreLabel {
  id: string;
  name: string;
  isGroup: boolean;
  parentId: string | null;
  teamId: string | null;
  color: string;
}

export interface StoreIssue {
  id: string;
  teamId: string;
  number: number;
  title: string;
  description: string | null;
  estimate: number | null;
  stateId: string;
  assigneeId: string | null;
  delegateId: string | null;
  labelIds: string[];
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface NewIssue {
  teamId: string;
  title: string;
  description?: string | null;
  estimate?: number | null;
  stateId?: string | null;
  assigneeId?: string | null;
  delegateId?: string | null;
  labelIds?: string[];
  parentId?: string | null;
  id?: string;
}

export type IssuePatch = Partial<
  Pick<StoreIssue, 'title' | 'description' | 'estimate' | 'stateId' | 'assigneeId' | 'delegateId' | 'labelIds' | 'parentId'>
>;

export class StoreInputError extends Error {}

export class LinearTestStore {
  readonly teams = new Map<string, StoreTeam>();
  readonly states = new Map<string, StoreState>();
  readonly users = new Map<string, StoreUser>();
  readonly labels = new Map<string, StoreLabel>();
  readonly issues = new Map<string, StoreIssue>();
  readonly comments = new Map<string, StoreComment>();
  viewerId: string | null = null;
  private idCounter = 0;
  private syncId = 1000;
  private lastStamp = 0;

  constructor(readonly now: () => number = () => Date.now()) {}

  newId(): string {
    this.idCounter += 1;
    return `00000000-0000-4000-8000-${this.idCounter.toString(16).padStart(12, '0')}`;
  }

  nextSyncId(): number {
    this.syncId += 1;
    return this.syncId;
  }

  /** Strictly increasing timestamps, like Linear's, so `updatedAt` ordering is total. */
  stamp(): string {
    const t = Math.max(this.now(), this.lastStamp + 1);
    this.lastStamp = t;
    return new Date(t).toISOString();
  }

  addTeam(key: string, name: string): StoreTeam {
    const team: StoreTeam = { id: this.newId(), key, name, nextNumber: 1 };
    this.teams.set(team.id, team);
    return team;
  }

  addState(teamId: string, name: string, type: string, position: number): StoreState {
    const state: StoreState = { id: this.newId(), teamId, name, type, position };
    this.states.set(state.id, state);
    return state;
  }

  addUser(name: string, displayName: string, options: { app?: boolean; active?: boolean } = {}): StoreUser {
    const user: StoreUser = { id: this.newId(), name, displayName, email: `${displayName}@example.test`, active: options.active ?? true, app: options.app ?? false };
    this.users.set(user.id, user);
    return user;
  }

  addLabel(input: { name: string; isGroup?: boolean; parentId?: string | null; teamId?: string | null; id?: string }): StoreLabel {
    const name = input.name.trim();
    if (!name) throw new StoreInputError('Label name is required.');
    const parentId = input.parentId ?? null;
    if (parentId !== null) {
      const parent = this.labels.get(parentId);
      if (!parent) throw new StoreInputError('Could not find referenced parent label.');
      if (!parent.isGroup) throw new StoreInputError('Parent label must be a group.');
    }
    const teamId = input.teamId ?? null;
    for (const l of this.labels.values()) {
      if (l.name.toLowerCase() === name.toLowerCase() && l.parentId === parentId && (l.teamId === null || teamId === null || l.teamId === teamId)) {
        throw new StoreInputError(`Duplicate label name: ${name}`);
      }
    }
    const label: StoreLabel = { id: input.id ?? this.newId(), name, isGroup: input.isGroup ?? false, parentId, teamId, color: '#95a2b3' };
    this.labels.set(label.id, label);
    return label;
  }

  defaultStateId(teamId: string): string {
    const states = [...this.states.values()].filter((s) => s.teamId === teamId).sort((a, b) => a.position - b.position);
    const pick = states.find((s) => s.type === 'unstarted') ?? states.find((s) => s.type === 'backlog') ?? states[0];
    if (!pick) throw new StoreInputError('Team has no workflow states.');
    return pick.id;
  }

  addIssue(input: NewIssue): StoreIssue {
    const team = this.teams.get(input.teamId);
    if (!team) throw new StoreInputError('Could not find referenced Team.');
    if (!input.title.trim()) throw new StoreInputError('Title is required.');
    const labelIds = input.labelIds ?? [];
    for (const id of labelIds) if (!this.labels.has(id)) throw new StoreInputError('Could not find referenced IssueLabel.');
    if (input.parentId && !this.issues.has(input.parentId)) throw new StoreInputError('Could not find referenced parent Issue.');
    if (input.assigneeId && !this.users.has(input.assigneeId)) throw new StoreInputError('Could not find referenced User.');
    this.checkDelegate(input.delegateId);
    if (input.stateId && !this.states.has(input.stateId)) throw new StoreInputError('Could not find referenced WorkflowState.');
    if (input.id && this.issues.has(input.id)) throw new StoreInputError('An issue with this id already exists.');
    const at = this.stamp();
    const issue: StoreIssue = {
      id: input.id ?? this.newId(),
      teamId: team.id,
      number: team.nextNumber++,
      title: input.title,
      description: input.description ?? null,
      estimate: input.estimate ?? null,
      stateId: input.stateId ?? this.defaultStateId(team.id),
      assigneeId: input.assigneeId ?? null,
      delegateId: input.delegateId ?? null,
      labelIds: [...labelIds],
      parentId: input.parentId ?? null,
      createdAt: at,
      updatedAt: at,
      archivedAt: null,
    };
    this.issues.set(issue.id, issue);
    return issue;
  }

  updateIssue(id: string, patch: IssuePatch): StoreIssue {
    const issue = this.findIssue(id);
    if (!issue) throw new StoreInputError('Could not find referenced Issue.');
    if (patch.stateId !== undefined && !this.states.has(patch.stateId)) throw new StoreInputError('Could not find referenced WorkflowState.');
    if (patch.labelIds) for (const l of patch.labelIds) if (!this.labels.has(l)) throw new StoreInputError('Could not find referenced IssueLabel.');
    if (patch.assigneeId && !this.users.has(patch.assigneeId)) throw new StoreInputError('Could not find referenced User.');
    this.checkDelegate(patch.delegateId);
    Object.assign(issue, patch);
    issue.updatedAt = this.stamp();
    return issue;
  }

  /** Linear delegates only to app users (agents); a person is assigned, not delegated to. */
  private checkDelegate(delegateId: string | null | undefined): void {
    if (!delegateId) return;
    const user = this.users.get(delegateId);
    if (!user) throw new StoreInputError('Could not find referenced User.');
    if (!user.app) throw new StoreInputError('Only app users (agents) can be delegated to.');
  }

  addComment(input: { issueId: string; body: string; userId: string | null }): StoreComment {
    const issue = this.findIssue(input.issueId);
    if (!issue) throw new StoreInputError('Could not find referenced Issue.');
    if (!input.body.trim()) throw new StoreInputError('Comment body is required.');
    const comment: StoreComment = { id: this.newId(), issueId: issue.id, body: input.body, userId: input.userId, createdAt: this.stamp() };
    this.comments.set(comment.id, comment);
    issue.updatedAt = comment.createdAt;
    return comment;
  }

  commentsOf(issueId: string): StoreComment[] {
    return [...this.comments.values()].filter((c) => c.issueId === issueId).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  archiveIssue(id: string): void {
    const issue = this.findIssue(id);
    if (!issue) throw new StoreInputError('Could not find referenced Issue.');
    issue.archivedAt = this.stamp();
    issue.updatedAt = issue.archivedAt;
  }

  /** Look an issue up by UUID or by identifier (`ENG-12`), as Linear's `issue(id:)` does. */
  findIssue(idOrIdentifier: string): StoreIssue | undefined {
    const direct = this.issues.get(idOrIdentifier);
    if (direct) return direct;
    const m = /^([A-Za-z0-9]+)-(\d+)$/.exec(idOrIdentifier);
    if (!m) return undefined;
    const team = [...this.teams.values()].find((t) => t.key.toLowerCase() === m[1]?.toLowerCase());
    if (!team) return undefined;
    const num = Number(m[2]);
    return [...this.issues.values()].find((i) => i.teamId === team.id && i.number === num);
  }

  identifier(issue: StoreIssue): string {
    return `${this.teams.get(issue.teamId)?.key ?? 'X'}-${issue.number}`;
  }

  url(issue: StoreIssue): string {
    return `https://linear.app/test/issue/${this.identifier(issue).toLowerCase()}`;
  }

  childrenOf(parentId: string, includeArchived: boolean): StoreIssue[] {
    return [...this.issues.values()]
      .filter((i) => i.parentId === parentId && (includeArchived || i.archivedAt === null))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number - b.number));
  }

  statesOf(teamId: string): StoreState[] {
    return [...this.states.values()].filter((s) => s.teamId === teamId).sort((a, b) => a.position - b.position);
  }

  labelByName(name: string, parentName?: string): StoreLabel | undefined {
    return [...this.labels.values()].find((l) => {
      if (l.name !== name) return false;
      if (parentName === undefined) return l.parentId === null;
      const parent = l.parentId ? this.labels.get(l.parentId) : undefined;
      return parent?.name === parentName;
    });
  }
}

export interface DefaultSeed {
  teamId: string;
  viewerId: string;
  agentUserId: string;
  masterIssueId: string;
  stateIds: Record<'triage' | 'backlog' | 'todo' | 'inProgress' | 'inReview' | 'done' | 'canceled', string>;
}

/**
 * One team `ENG` with the usual workflow, two users, labels in both styles
 * (flat `type:chore`, `type:spike`, `exec:quick`; group `exec` with `tdd`, `pair`) and a master issue ENG-1.
 */
export function seedDefault(store: LinearTestStore): DefaultSeed {
  const team = store.addTeam('ENG', 'Engineering');
  const s = (name: string, type: string, pos: number): string => store.addState(team.id, name, type, pos).id;
  const stateIds = {
    triage: s('Triage', 'triage', 0),
    backlog: s('Backlog', 'backlog', 1),
    todo: s('Todo', 'unstarted', 2),
    inProgress: s('In Progress', 'started', 3),
    inReview: s('In Review', 'started', 4),
    done: s('Done', 'completed', 5),
    canceled: s('Canceled', 'canceled', 6),
  };
  const viewer = store.addUser('Ada Lovelace', 'ada');
  const agent = store.addUser('Claude', 'claude');
  store.addUser('Tembo', 'tembo', { app: true });
  store.addUser('Cursor', 'cursor', { app: true });
  store.viewerId = viewer.id;
  store.addLabel({ name: 'type:chore' });
  store.addLabel({ name: 'type:spike' });
  store.addLabel({ name: 'exec:quick' });
  const exec = store.addLabel({ name: 'exec', isGroup: true, teamId: team.id });
  store.addLabel({ name: 'tdd', parentId: exec.id, teamId: team.id });
  store.addLabel({ name: 'pair', parentId: exec.id, teamId: team.id });
  const master = store.addIssue({ teamId: team.id, title: 'Master plan: Switchyard v1', description: 'The master plan.' });
  return { teamId: team.id, viewerId: viewer.id, agentUserId: agent.id, masterIssueId: master.id, stateIds };
}
