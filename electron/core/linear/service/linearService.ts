import path from 'node:path';
import { RpcFailure } from '../../../../shared/contract/rpcResult';
import { NOT_CONFIGURED, type LinearPlanState, type SubIssueCreation, type SubIssueRow } from '../../../../shared/domain/linear';
import type { PlanContext } from '../../../../shared/domain/session';
import type { Settings, SettingsPatch } from '../../../../shared/domain/settings';
import type { LinearAccount } from '../../../../shared/state/appState';
import type { Logger } from '../../app/platformActions';
import type { StateStore } from '../../state/stateStore';
import type { Clock } from '../clock';
import { createLinearPlanCache } from '../linearCache';
import { createLinearGateway, LinearRequestError, type LinearGateway, type LinearGatewayOptions } from '../linearGateway';
import type { SecretStore } from '../linearKeyStore';
import { mapLinearError } from '../mapLinearError';
import { PlanPoller } from '../planPoller';
import type { PollIntervals } from '../pollDelay';
import { createStatusWriteBack, type StatusWriteBack, type WriteBackResult } from '../statusWriteBack';
import { SubIssueCreator, type SubIssueGateway } from '../subIssueCreator';
import { UserDirectory } from '../userDirectory';
import { matchAgentUser } from '../agentAssignee';
import { delegationComment, delegationHeadline, mentionHandle } from '../agentDelegation';
import { parseRowMarker } from '../subIssueMarker';
import { CONNECTED, CONNECTING, connectionAfterPoll } from './accountConnection';
import { linearStatesOf } from './linearStates';
import { ReviewFindingsService } from './reviewFindingsService';

/**
 * Linear for one workspace: the key from the SecretStore, the account state, one PlanPoller for all
 * master plans, sub-issue creation per plan and the optional status write-back. Every failure ends up
 * as `linearAccount.connection` / a plan's `connection`; nothing here throws at the runtime.
 */

export interface LinearServiceOptions {
  store: StateStore;
  secretStore: SecretStore;
  settings: () => Settings;
  /** `--linear-api-url`: wins over `settings.linear.apiUrl`. */
  apiUrlOverride?: string | null;
  /** The workspace's data dir; the plan cache lives in `<dataDir>/linear-cache`. */
  dataDir: string;
  updatePlanContext(part: Partial<PlanContext>): void;
  /** Persists a settings change (the team picker). */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  logger: Logger;
  clock?: Clock;
  intervals?: Partial<PollIntervals>;
  timeoutMs?: number;
  createGateway?: (options: LinearGatewayOptions) => LinearGateway;
}

export interface CreateSubIssuesInput {
  planPath: string;
  planHash: string;
  masterIssueId: string;
  rows: SubIssueRow[];
}

export interface DelegateInput {
  /** The sub-issue (UUID or identifier). */
  issueId: string;
  /** The row's Agent cell (`Tembo`, `Cursor`, `Copilot`…). */
  agent: string;
  focus: string;
  prompt: string;
}

export interface Delegated {
  via: 'delegate' | 'mention';
  to: string;
  commentPosted: boolean;
  movedToInProgress: boolean;
}

export interface RowSubIssue {
  id: string;
  identifier: string;
}

export interface LinearTeam {
  id: string;
  key: string;
  name: string;
}

interface CreatorEntry {
  creator: SubIssueCreator;
  planHash: string;
  masterIssueId: string;
}

export const creationKey = (planPath: string, rowKey: string): string => `${planPath}#${rowKey}`;

export class LinearService {
  private gateway: LinearGateway | null = null;
  private poller: PlanPoller | null = null;
  private masterIds: string[] = [];
  private visible = true;
  private gen = 0;
  private stopped = false;
  private connectedApiUrl: string | null = null;
  private viewerPendingGen: number | null = null;
  private connecting: Promise<LinearAccount> | null = null;
  private readonly creators = new Map<string, CreatorEntry>();
  private readonly writeBack: StatusWriteBack;
  /** People and app users, read once per approval or delegation (cached for a minute). */
  private readonly users = new UserDirectory(() => {
    if (!this.gateway) throw new RpcFailure('unavailable', 'Linear is not connected.');
    return this.gateway;
  });
  /** Delegates to whatever gateway is current, so creators survive a reconnect with a new key. */
  private readonly liveGateway: SubIssueGateway & Pick<LinearGateway, 'issueTeamStates' | 'updateIssueState'>;
  /** §9 review findings on any issue: decisions, sub-issues per agreed finding, @mention dispatch. */
  readonly findings: ReviewFindingsService;

  constructor(private readonly options: LinearServiceOptions) {
    const gw = (): LinearGateway => {
      if (!this.gateway) throw new Error(NOT_CONFIGURED.message);
      return this.gateway;
    };
    this.liveGateway = {
      subIssueContext: (id, after) => gw().subIssueContext(id, after),
      findLabels: (filter) => gw().findLabels(filter),
      createLabel: (input) => gw().createLabel(input),
      createIssue: (input) => gw().createIssue(input),
      issueTeamStates: (id) => gw().issueTeamStates(id),
      updateIssueState: (id, stateId) => gw().updateIssueState(id, stateId),
    };
    // New sub-issues of a plan issue show in its Linear panel: poll now rather than at the next tick.
    this.findings = new ReviewFindingsService(() => this.gateway, () => void this.refresh());
    this.writeBack = createStatusWriteBack(this.liveGateway, () => {
      const s = this.options.settings().linear;
      return { moveToInProgressOnSessionStart: s.writeBackStarted, moveToDoneOnMerge: s.writeBackMerged };
    });
  }

  /** Clears what a previous workspace left in the store and connects (never throws). */
  async start(): Promise<void> {
    this.options.store.replaceCollection('linearPlans', {});
    this.options.store.replaceCollection('linearCreations', {});
    await this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.gen += 1;
    this.poller?.stop();
    this.poller = null;
  }

  account(): LinearAccount {
    return this.options.store.current.linearAccount;
  }

  /** (Re)reads the key, validates it with `viewer`, and restarts polling. */
  connect(): Promise<LinearAccount> {
    const p = this.doConnect().catch((error: unknown) => {
      this.options.logger.error('Linear connect failed', error);
      this.setAccount({ connection: mapLinearError(error, Date.now()) });
      return this.account();
    });
    this.connecting = p;
    return p;
  }

  /** Resolves when no connect or poll is in flight (tests). */
  async whenIdle(): Promise<void> {
    await this.connecting;
    await this.poller?.whenIdle();
  }

  async setKey(apiKey: string | null): Promise<LinearAccount> {
    try {
      await this.options.secretStore.set(apiKey);
    } catch (error) {
      throw new RpcFailure('refused', `The key was not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.connect();
  }

  async teams(): Promise<LinearTeam[]> {
    const gateway = this.gateway;
    if (!gateway) throw new RpcFailure('unavailable', 'Add a Linear API key first.');
    try {
      const { data } = await gateway.teams();
      this.setAccount({ budget: gateway.lastBudget() });
      return data.teams.nodes.map((t) => ({ id: t.id, key: t.key, name: t.name }));
    } catch (error) {
      if (error instanceof LinearRequestError) {
        this.setAccount({ connection: error.connection, budget: gateway.lastBudget() });
        throw new RpcFailure('unavailable', error.connection.message);
      }
      throw error;
    }
  }

  async setTeam(teamId: string | null): Promise<LinearAccount> {
    if (teamId === null) {
      await this.options.updateSettings({ linear: { teamId: null } });
      this.setAccount({ team: null });
      return this.account();
    }
    const team = (await this.teams()).find((t) => t.id === teamId);
    if (!team) throw new RpcFailure('not_found', 'That team is not in this Linear workspace (or the key cannot see it).');
    await this.options.updateSettings({ linear: { teamId } });
    this.setAccount({ team });
    return this.account();
  }

  /** The plans service calls this with every plan's parent issue id (e.g. `CIA-540`). */
  setMasterIssues(ids: string[]): void {
    const wanted = [...new Set(ids.map((i) => i.trim()).filter(Boolean))];
    const gone = this.masterIds.filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !this.masterIds.includes(id));
    this.masterIds = wanted;
    for (const id of gone) {
      this.poller?.removePlan(id);
      this.options.store.remove('linearPlans', id);
    }
    for (const id of added) void this.poller?.addPlan(id);
    if (gone.length) this.publishLinearStates();
  }

  masterIssues(): string[] {
    return [...this.masterIds];
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.poller?.setVisible(visible);
  }

  /** The person asked for fresh data: poll now (and faster for a minute); reconnect if never connected. */
  async refresh(masterIssueId?: string): Promise<LinearAccount> {
    if (!this.gateway || !this.poller || this.account().viewer === null) return this.connect();
    this.poller.noteUserAction();
    const ids = masterIssueId ? [masterIssueId] : this.masterIds;
    await Promise.all(ids.map((id) => this.poller?.pollNow(id)));
    return this.account();
  }

  /** One sub-issue per approved dispatch row; progress goes to `linearCreations`. */
  async createSubIssues(input: CreateSubIssuesInput): Promise<SubIssueCreation[]> {
    if (!this.gateway) throw new RpcFailure('unavailable', 'Linear is not connected: add an API key in Settings → Linear, then approve again.');
    const entry = this.creatorFor(input);
    const running = entry.creator.run(input.rows);
    this.publishCreations(input.planPath, entry.creator.results());
    return this.afterCreation(input.planPath, entry, await running);
  }

  /** Retries only the rows that failed for this plan. */
  async retryFailed(planPath: string): Promise<SubIssueCreation[]> {
    const entry = this.creators.get(planPath);
    if (!entry) throw new RpcFailure('not_found', 'Nothing to retry: no sub-issues were created for this plan since Switchyard started.');
    if (!this.gateway) throw new RpcFailure('unavailable', 'Linear is not connected: add an API key in Settings → Linear.');
    return this.afterCreation(planPath, entry, await entry.creator.retryFailed());
  }

  /**
   * The sub-issue approval made for a dispatch row: this run's creation record, else the master's
   * child carrying the row's marker and title (it survives a restart), else null.
   */
  async rowSubIssue(input: { planPath: string; masterIssueId: string; rowKey: string; title: string }): Promise<RowSubIssue | null> {
    const made = this.options.store.current.linearCreations[creationKey(input.planPath, input.rowKey)];
    if (made?.issueId && made.identifier && (made.status === 'created' || made.status === 'exists')) return { id: made.issueId, identifier: made.identifier };
    const gateway = this.connected();
    let after: string | null = null;
    const children: { id: string; identifier: string; title: string; description: string | null }[] = [];
    try {
      for (let page = 0; page < 20; page++) {
        const { data } = await gateway.subIssueContext(input.masterIssueId, after);
        children.push(...data.issue.children.nodes);
        const { hasNextPage, endCursor } = data.issue.children.pageInfo;
        if (!hasNextPage || !endCursor) break;
        after = endCursor;
      }
    } catch (error) {
      throw this.unavailable(error);
    }
    const titled = children.filter((c) => c.title === input.title);
    const found = titled.find((c) => parseRowMarker(c.description)?.rowKey === input.rowKey) ?? titled[0] ?? null;
    return found ? { id: found.id, identifier: found.identifier } : null;
  }

  /**
   * Hands a sub-issue to an external agent: Linear's delegation when the agent is an app user of
   * the workspace, else ONE comment `@agent Implement: <focus>` with the prompt (§9, one @mention
   * per comment; not posted again when it is already there); then the "started" write-back.
   */
  async delegate(input: DelegateInput): Promise<Delegated> {
    const gateway = this.connected();
    try {
      const users = await this.users.list();
      const match = matchAgentUser(input.agent, users);
      let result: Omit<Delegated, 'movedToInProgress'>;
      if (match.kind === 'delegate') {
        await gateway.assignIssue(input.issueId, { delegateId: match.user.id });
        result = { via: 'delegate', to: match.user.name, commentPosted: false };
      } else {
        const handle = mentionHandle(input.agent, null);
        const headline = delegationHeadline(handle, input.focus);
        const { data } = await gateway.issueComments(input.issueId);
        const already = data.issue.comments.nodes.some((c) => c.body.split('\n')[0]?.trim() === headline);
        if (!already) await gateway.createComment(input.issueId, delegationComment(handle, input.focus, input.prompt, users.filter((u) => u.app && u.active)));
        result = { via: 'mention', to: `@${handle}`, commentPosted: !already };
      }
      const moved = await this.sessionStarted(input.issueId);
      this.setAccount({ budget: gateway.lastBudget() });
      return { ...result, movedToInProgress: moved.kind === 'moved' };
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private connected(): LinearGateway {
    if (!this.gateway || this.account().connection.kind === 'not-configured') {
      throw new RpcFailure('unavailable', 'Linear is not connected: add an API key in Settings → Linear, then delegate again.');
    }
    return this.gateway;
  }

  private unavailable(error: unknown): unknown {
    if (error instanceof RpcFailure) return error;
    if (error instanceof LinearRequestError) {
      this.setAccount({ connection: error.connection });
      return new RpcFailure('unavailable', `Linear refused: ${error.connection.message}`);
    }
    return error;
  }

  /** Status write-back: a session started on the issue (In Progress when the setting is on). */
  sessionStarted(issueId: string): Promise<WriteBackResult> {
    return this.afterWriteBack(this.writeBack.sessionStarted(issueId));
  }

  /** Status write-back: the issue's branch was merged (Done when the setting is on). */
  branchMerged(issueId: string): Promise<WriteBackResult> {
    return this.afterWriteBack(this.writeBack.branchMerged(issueId));
  }

  /** One comment on an issue (its id or identifier): §8 session exit and §3 cross-session conflicts. */
  async commentOnIssue(issueId: string, body: string): Promise<{ id: string; url: string }> {
    const gateway = this.gateway;
    if (!gateway) throw new RpcFailure('unavailable', 'Linear is not connected');
    try {
      const { data } = await gateway.createComment(issueId, body);
      if (!data.commentCreate.success) throw new RpcFailure('refused', `Linear did not create the comment on ${issueId}.`);
      return { id: data.commentCreate.comment.id, url: data.commentCreate.comment.url };
    } catch (error) {
      if (error instanceof LinearRequestError) throw new RpcFailure('unavailable', error.connection.message);
      throw error;
    }
  }

  /** The bodies of an issue's comments (up to 250), to tell whether a comment was posted before. */
  async issueCommentBodies(issueId: string): Promise<string[]> {
    const gateway = this.gateway;
    if (!gateway) throw new RpcFailure('unavailable', 'Linear is not connected');
    const bodies: string[] = [];
    let after: string | null = null;
    try {
      for (let page = 0; page < 5; page++) {
        const { data } = await gateway.issueComments(issueId, after);
        bodies.push(...data.issue.comments.nodes.map((c) => c.body));
        if (!data.issue.comments.pageInfo.hasNextPage) break;
        after = data.issue.comments.pageInfo.endCursor ?? null;
      }
    } catch (error) {
      if (error instanceof LinearRequestError) throw new RpcFailure('unavailable', error.connection.message);
      throw error;
    }
    return bodies;
  }

  /** Settings changed: reconnect when the endpoint moved; re-resolve the team when it changed. */
  async updateSettings(settings: Settings): Promise<void> {
    if (this.stopped) return;
    const url = this.options.apiUrlOverride ?? settings.linear.apiUrl;
    if (this.connectedApiUrl !== null && url !== this.connectedApiUrl) {
      await this.connect();
      return;
    }
    if (this.gateway && settings.linear.teamId !== (this.account().team?.id ?? null)) await this.resolveTeam(this.gen);
  }

  private apiUrl(): string {
    return this.options.apiUrlOverride ?? this.options.settings().linear.apiUrl;
  }

  private setAccount(patch: Partial<LinearAccount>): void {
    if (this.stopped) return;
    this.options.store.setSingleton('linearAccount', { ...this.account(), ...patch });
  }

  private async doConnect(): Promise<LinearAccount> {
    const gen = ++this.gen;
    this.poller?.stop();
    this.poller = null;
    const store = this.options.secretStore;
    const [key, source, storageProblem] = await Promise.all([
      store.get(),
      store.source ? store.source() : Promise.resolve(null),
      store.storageProblem ? store.storageProblem() : Promise.resolve(null),
    ]);
    if (gen !== this.gen) return this.account();
    const keySource = source ?? (key ? 'env' : 'none');
    if (!key) {
      this.gateway = null;
      this.connectedApiUrl = null;
      this.setAccount({ connection: NOT_CONFIGURED, viewer: null, keySource, storageProblem, team: null, budget: null });
      this.options.store.replaceCollection('linearPlans', {});
      this.publishLinearStates();
      return this.account();
    }
    const apiUrl = this.apiUrl();
    const create = this.options.createGateway ?? createLinearGateway;
    const gateway = create({ apiKey: key, apiUrl, ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}) });
    this.gateway = gateway;
    this.users.clear();
    this.connectedApiUrl = apiUrl;
    this.setAccount({ connection: CONNECTING, viewer: null, keySource, storageProblem, team: null, budget: null });
    await this.fetchViewer(gen);
    if (gen !== this.gen) return this.account();
    this.startPoller(gen, gateway);
    return this.account();
  }

  private async fetchViewer(gen: number): Promise<void> {
    const gateway = this.gateway;
    if (!gateway || this.viewerPendingGen === gen) return;
    this.viewerPendingGen = gen;
    try {
      const { data } = await gateway.viewer();
      if (gen !== this.gen) return;
      const v = data.viewer;
      this.setAccount({ connection: CONNECTED, viewer: { id: v.id, name: v.name, email: v.email || null }, budget: gateway.lastBudget() });
      await this.resolveTeam(gen);
    } catch (error) {
      if (gen !== this.gen) return;
      const connection = error instanceof LinearRequestError ? error.connection : mapLinearError(error, Date.now());
      this.setAccount({ connection, budget: gateway.lastBudget() });
    } finally {
      if (this.viewerPendingGen === gen) this.viewerPendingGen = null;
    }
  }

  /** The team from settings, else the only team there is (shown, not saved). */
  private async resolveTeam(gen: number): Promise<void> {
    const gateway = this.gateway;
    if (!gateway) return;
    try {
      const { data } = await gateway.teams();
      if (gen !== this.gen) return;
      const wanted = this.options.settings().linear.teamId;
      const nodes = data.teams.nodes;
      const team = wanted ? nodes.find((t) => t.id === wanted) : nodes.length === 1 ? nodes[0] : undefined;
      this.setAccount({ team: team ? { id: team.id, key: team.key, name: team.name } : null, budget: gateway.lastBudget() });
    } catch {
      // The team is only shown; the connection state comes from viewer and the polls.
    }
  }

  private startPoller(gen: number, gateway: LinearGateway): void {
    const poller = new PlanPoller({
      gateway,
      cache: createLinearPlanCache(path.join(this.options.dataDir, 'linear-cache')),
      visible: this.visible,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.intervals ? { intervals: this.options.intervals } : {}),
      onUpdate: (state) => {
        if (gen === this.gen && this.masterIds.includes(state.masterIssueId)) this.onPlanUpdate(gen, gateway, state);
      },
    });
    this.poller = poller;
    for (const id of this.masterIds) void poller.addPlan(id);
  }

  private onPlanUpdate(gen: number, gateway: LinearGateway, state: LinearPlanState): void {
    this.options.store.upsert('linearPlans', state.masterIssueId, state);
    const before = this.account();
    this.setAccount({ connection: connectionAfterPoll(before.connection, state), budget: gateway.lastBudget() ?? before.budget });
    if (!state.stale && before.viewer === null) void this.fetchViewer(gen);
    this.publishLinearStates();
  }

  private publishLinearStates(): void {
    if (this.stopped) return;
    this.options.updatePlanContext({ linearStates: linearStatesOf(Object.values(this.options.store.current.linearPlans)) });
  }

  private creatorFor(input: CreateSubIssuesInput): CreatorEntry {
    const existing = this.creators.get(input.planPath);
    if (existing && existing.planHash === input.planHash && existing.masterIssueId === input.masterIssueId) return existing;
    for (const key of Object.keys(this.options.store.current.linearCreations)) {
      if (this.options.store.current.linearCreations[key]?.planPath === input.planPath) this.options.store.remove('linearCreations', key);
    }
    const entry: CreatorEntry = {
      planHash: input.planHash,
      masterIssueId: input.masterIssueId,
      creator: new SubIssueCreator({
        gateway: this.liveGateway,
        masterIssueId: input.masterIssueId,
        planHash: input.planHash,
        users: () => this.users.list(),
        onProgress: (row) => {
          if (this.creators.get(input.planPath) === entry) this.publishCreations(input.planPath, [row]);
        },
      }),
    };
    this.creators.set(input.planPath, entry);
    return entry;
  }

  private publishCreations(planPath: string, rows: SubIssueCreation[]): void {
    if (this.stopped) return;
    for (const row of rows) this.options.store.upsert('linearCreations', creationKey(planPath, row.rowKey), { ...row, planPath });
  }

  private async afterCreation(planPath: string, entry: CreatorEntry, results: SubIssueCreation[]): Promise<SubIssueCreation[]> {
    this.publishCreations(planPath, results);
    if (this.gateway) this.setAccount({ budget: this.gateway.lastBudget() });
    if (this.poller && this.masterIds.includes(entry.masterIssueId)) {
      this.poller.noteUserAction();
      await this.poller.pollNow(entry.masterIssueId);
    }
    return results;
  }

  private async afterWriteBack(pending: Promise<WriteBackResult>): Promise<WriteBackResult> {
    const result = await pending;
    if (result.kind === 'moved' && this.poller) {
      this.poller.noteUserAction();
      await Promise.all(this.masterIds.map((id) => this.poller?.pollNow(id)));
    }
    return result;
  }
}
