import type { GitFacts, PlanContext, SessionRecord, SessionStatus, WorktreeInfo } from '../../../../shared/domain/session';
import { coalesced } from '../../async/coalesced';
import { readGitFacts, emptyGitFacts, type BaseConfigCache, type RepositoryRefsCache } from '../git/readGitFacts';
import { tolerantGit, type GitRunner } from '../../git/gitRunner';
import { StatusDebouncer } from '../status/statusDebouncer';
import { ClaudeHomeWatcher } from '../watch/claudeHomeWatcher';
import { WorktreeWatcher, type WatchTarget } from '../watch/worktreeWatcher';
import { discoverWorktrees, type DiscoveryResult, type DiscoveryWarning, type RevParseCache } from '../worktrees/discoverWorktrees';
import { agentRecordId, agentRecords, isAgentRow } from '../external/agentRecords';
import { readAgentBranches, type AgentBranchWanted } from '../external/readAgentBranches';
import { buildRecords } from './buildRecords';
import { emptyClaudeSource, type CccStateLike, type ClaudeSource, type LiveSessionLike, type TranscriptEntry } from './claudeSource';

export interface RegistryTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SessionRegistryOptions {
  claudeHome: string;
  repos: readonly string[];
  extraRoots?: readonly string[];
  /** Claude Code's side (live processes, transcripts, .ccc-state.json). Default: knows nothing. */
  claude?: ClaudeSource;
  /** Called with the records that changed and the ids that disappeared (also emitted as 'change'). */
  onChange?: (records: SessionRecord[], removedIds: string[]) => void;
  now?: () => number;
  timers?: RegistryTimers;
  /** A new status must hold this long before it shows. Default 1500 ms. */
  statusHoldMs?: number;
  /** Status changes this soon after a session is first seen do not notify. Default 10 s. */
  statusSettleMs?: number;
  /**
   * How often live sessions and transcripts are re-read besides file events (a process that dies
   * writes nothing). Default 2000 ms without watching, 10 s with; 0 = never (call refreshClaude).
   */
  claudePollMs?: number;
  /** How often worktrees are re-discovered besides watcher events. Default 30 s; 0 = never. */
  topologyPollMs?: number;
  /** Watch the file system. Default true. */
  watch?: boolean;
  watchDebounceMs?: number;
  /** A transcript written to within this window counts as growing. */
  activeWindowMs?: number;
  /** Injected git runner (tests); default: tolerantGit, behind the app's one git process limit. */
  git?: GitRunner;
}

export interface ChangeEvent {
  records: SessionRecord[];
  removedIds: string[];
}

export interface NotifyEvent {
  id: string;
  name: string;
  from: SessionStatus | null;
  to: SessionStatus;
  reason: string;
}

export interface RegistryEvents {
  change: ChangeEvent;
  /** A shown status moved to waiting, done or failed: worth a desktop notification. */
  notify: NotifyEvent;
  warning: { message: string };
}

type Listener<T> = (payload: T) => void;

/** A tiny typed emitter (no Node EventEmitter: listener errors never break the registry). */
export class TypedEmitter<E extends object> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener<never>>();
    set.add(listener as Listener<never>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }
  protected emit<K extends keyof E>(event: K, payload: E[K]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as Listener<E[K]>)(payload);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}

const defaultTimers: RegistryTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};

/**
 * The live session registry: discovers worktrees, keeps git facts per worktree fresh (one worktree
 * refreshed per change, never all), reads Claude Code's side, derives status with hysteresis, finds
 * collisions, and emits only the records that changed.
 */
export class SessionRegistry extends TypedEmitter<RegistryEvents> {
  private readonly claude: ClaudeSource;
  private readonly now: () => number;
  private readonly timers: RegistryTimers;
  private readonly git: GitRunner;
  private readonly debouncer: StatusDebouncer;
  private watcher: WorktreeWatcher | null = null;
  private claudeWatcher: ClaudeHomeWatcher | null = null;
  private readonly claudeRun = coalesced(async () => {
    await this.loadClaude();
    if (!this.stopped) this.recompute();
  }, () => this.stopped);
  private readonly revParseCache: RevParseCache = new Map();
  private readonly baseConfigCache: BaseConfigCache = new Map();
  private readonly refsCache: RepositoryRefsCache = new Map();

  private worktrees = new Map<string, WorktreeInfo>();
  private roots: string[] = [];
  private readonly gitFacts = new Map<string, GitFacts>();
  private readonly ccc = new Map<string, CccStateLike | null>();
  private live: LiveSessionLike[] = [];
  private transcripts: TranscriptEntry[] = [];
  private plan: PlanContext = { rows: [], estimates: {} };
  private discoveryWarnings = new Map<string, string[]>();
  private globalWarnings: string[] = [];

  private readonly emitted = new Map<string, string>();
  private records = new Map<string, SessionRecord>();
  private readonly refreshing = new Map<string, Promise<void>>();
  /** Worktrees a launch just started claude in: their first live status skips the hold time. */
  private readonly launched = new Set<string>();
  private readonly again = new Set<string>();
  private readonly topologyRun = coalesced(() => this.topologyOnce(), () => this.stopped);
  /** Branches external agents pushed, per agent record id (re-read with the topology and on new plan rows). */
  private agentBranches = new Map<string, GitFacts>();
  private readonly agentBranchRun = coalesced(async () => {
    await this.loadAgentBranches();
    if (!this.stopped) this.recompute();
  }, () => this.stopped);
  private intervals: unknown[] = [];
  private unsubscribeClaude: (() => void) | null = null;
  /** The source said something changed before the first full emit: re-read right after it. */
  private claudeChangedEarly = false;
  private firstEmitDone = false;
  private pendingTimer: unknown = null;
  private pendingAt: number | null = null;
  private started = false;
  private stopped = false;

  constructor(private readonly options: SessionRegistryOptions) {
    super();
    this.claude = options.claude ?? emptyClaudeSource;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? defaultTimers;
    this.git = options.git ?? tolerantGit;
    this.debouncer = new StatusDebouncer(options.statusHoldMs ?? 1500, options.statusSettleMs ?? 10_000);
  }

  /** Discovers, reads everything once, emits the first full change, then starts watching and polling. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Before the first read: a background count that ends while the rest still loads must not be missed.
    this.unsubscribeClaude =
      this.claude.subscribe?.(() => {
        if (this.firstEmitDone) void this.refreshClaude();
        else this.claudeChangedEarly = true;
      }) ?? null;
    const discovery = await this.discover();
    this.applyDiscovery(discovery);
    await Promise.all([
      ...[...this.worktrees.keys()].map((id) => this.loadWorktree(id)),
      this.loadClaude(),
      this.loadAgentBranches(),
    ]);
    if (this.stopped) return;
    this.recompute();
    this.firstEmitDone = true;
    this.claude.startBackgroundWork?.();
    if (this.claudeChangedEarly) void this.refreshClaude();
    if (this.options.watch ?? true) {
      this.watcher = new WorktreeWatcher({
        onWorktreeChanged: (id) => void this.refreshWorktree(id),
        onTopologyChanged: () => void this.refreshTopology(),
        onWarning: (message) => this.warn(message),
        debounceMs: this.options.watchDebounceMs ?? 75,
      });
      await this.watcher.setTargets(this.roots, this.watchTargets());
    }
    let claudeWatched = false;
    if (this.options.watch ?? true) {
      this.claudeWatcher = new ClaudeHomeWatcher({
        claudeHome: this.options.claudeHome,
        onChange: () => void this.refreshClaude(),
        onWarning: (message) => this.warn(message),
      });
      await this.claudeWatcher.start();
      claudeWatched = this.claudeWatcher.watching();
    }
    const claudePoll = this.options.claudePollMs ?? (claudeWatched ? 10_000 : 2000);
    if (claudePoll > 0) this.intervals.push(this.timers.setInterval(() => void this.refreshClaude(), claudePoll));
    const topoPoll = this.options.topologyPollMs ?? 30_000;
    if (topoPoll > 0) this.intervals.push(this.timers.setInterval(() => void this.refreshTopology(), topoPoll));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribeClaude?.();
    this.unsubscribeClaude = null;
    for (const h of this.intervals) this.timers.clearInterval(h);
    this.intervals = [];
    if (this.pendingTimer !== null) this.timers.clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    const w = this.watcher;
    this.watcher = null;
    this.claudeWatcher?.close();
    this.claudeWatcher = null;
    await w?.close();
    await Promise.allSettled([
      ...this.refreshing.values(),
      this.topologyRun.running ?? Promise.resolve(),
      this.claudeRun.running ?? Promise.resolve(),
      this.agentBranchRun.running ?? Promise.resolve(),
    ]);
    await this.claude.close?.();
  }

  /** Every record as last emitted. */
  snapshot(): SessionRecord[] {
    return [...this.records.values()];
  }

  /** Registry-level warnings (unreadable roots, watcher errors), newest last, at most 50. */
  warnings(): string[] {
    return [...this.globalWarnings];
  }

  /** Paths the file watcher holds (for benchmarks); 0 when not watching. */
  watchedPathCount(): number {
    return this.watcher?.watchedPathCount() ?? 0;
  }

  /** Plan rows (Session Registry tables), estimates and Linear states; re-derives every record. */
  setPlanContext(ctx: PlanContext): void {
    this.plan = {
      rows: [...ctx.rows],
      estimates: { ...ctx.estimates },
      ...(ctx.issuePhases ? { issuePhases: [...ctx.issuePhases] } : {}),
      ...(ctx.linearStates ? { linearStates: { ...ctx.linearStates } } : {}),
    };
    if (this.started && !this.stopped) {
      this.recompute();
      // A row delegated just now may name a branch that is already here.
      if (this.plan.rows.some(isAgentRow)) void this.agentBranchRun.run();
    }
  }

  /** Re-reads git facts and .ccc-state.json of ONE worktree, then emits what changed. Calls coalesce. */
  async refreshWorktree(id: string): Promise<void> {
    if (this.stopped || !this.worktrees.has(id)) return;
    const running = this.refreshing.get(id);
    if (running) {
      this.again.add(id);
      return running;
    }
    const run = (async () => {
      do {
        this.again.delete(id);
        await this.loadWorktree(id);
      } while (this.again.has(id) && !this.stopped);
    })().finally(() => this.refreshing.delete(id));
    this.refreshing.set(id, run);
    await run;
    if (!this.stopped) this.recompute();
  }

  /** Switchyard just started claude in this worktree: show its first live status at once, then look. */
  expectLaunch(worktreePath: string): void {
    this.launched.add(worktreePath);
    setTimeout(() => this.launched.delete(worktreePath), 30_000).unref?.();
    void this.refreshTopology();
  }

  /** Re-reads live sessions and transcripts, then emits what changed; overlapping calls collapse into one more round. */
  async refreshClaude(): Promise<void> {
    if (this.stopped) return;
    return this.claudeRun.run();
  }

  /** Re-discovers worktrees; new ones are read, vanished ones are removed. Calls coalesce. */
  async refreshTopology(): Promise<void> {
    if (this.stopped) return;
    await this.topologyRun.run();
    if (!this.stopped) this.recompute();
  }

  private async topologyOnce(): Promise<void> {
    const before = new Map(this.worktrees);
    const discovery = await this.discover();
    if (this.stopped) return;
    this.applyDiscovery(discovery);
    const toLoad = [...this.worktrees.values()].filter((w) => {
      const old = before.get(w.id);
      return !old || old.branch !== w.branch || old.head !== w.head || old.prunable !== w.prunable;
    });
    await Promise.all([...toLoad.map((w) => this.loadWorktree(w.id)), this.loadAgentBranches()]);
    await this.watcher?.setTargets(this.roots, this.watchTargets());
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private async discover(): Promise<DiscoveryResult> {
    try {
      return await discoverWorktrees({
        claudeHome: this.options.claudeHome,
        repos: this.options.repos,
        extraRoots: this.options.extraRoots ?? [],
        git: this.git,
        revParseCache: this.revParseCache,
      });
    } catch (error) {
      this.warn(`worktree discovery failed: ${error instanceof Error ? error.message : String(error)}`);
      return { worktrees: [...this.worktrees.values()], repos: [], warnings: [], roots: this.roots };
    }
  }

  private applyDiscovery(d: DiscoveryResult): void {
    const next = new Map(d.worktrees.map((w) => [w.id, w] as const));
    for (const id of this.worktrees.keys()) {
      if (!next.has(id)) {
        this.gitFacts.delete(id);
        this.ccc.delete(id);
      }
    }
    this.worktrees = next;
    this.roots = d.roots;
    const perWorktree = new Map<string, string[]>();
    const global: DiscoveryWarning[] = [];
    for (const warning of d.warnings) {
      if (next.has(warning.path)) perWorktree.set(warning.path, [...(perWorktree.get(warning.path) ?? []), warning.message]);
      else global.push(warning);
    }
    this.discoveryWarnings = perWorktree;
    for (const g of global) this.warn(`${g.path}: ${g.message}`, true);
  }

  private watchTargets(): WatchTarget[] {
    return [...this.worktrees.values()].map((w) => ({
      id: w.id,
      path: w.path,
      gitDir: w.gitDir,
      commonGitDir: w.commonGitDir,
      isMain: w.isMain,
      watchFiles: !w.bare && !w.prunable,
    }));
  }

  private async loadWorktree(id: string): Promise<void> {
    const w = this.worktrees.get(id);
    if (!w) return;
    if (w.bare) return;
    const [facts, ccc] = await Promise.all([
      w.prunable
        ? Promise.resolve(emptyGitFacts('the worktree folder no longer exists'))
        : readGitFacts({ path: w.path, gitDir: w.gitDir, commonGitDir: w.commonGitDir }, { git: this.git, baseConfigCache: this.baseConfigCache, refsCache: this.refsCache }).catch(
            (error: unknown) => emptyGitFacts(error instanceof Error ? error.message : String(error)),
          ),
      w.prunable ? Promise.resolve(null) : this.claude.readCccState(w.path).catch(() => null),
    ]);
    if (!this.worktrees.has(id)) return;
    this.gitFacts.set(id, facts);
    this.ccc.set(id, ccc);
  }

  /** Looks for the branches of external agents' rows in each repository's main checkout (no fetch). */
  private async loadAgentBranches(): Promise<void> {
    const wanted: AgentBranchWanted[] = [];
    for (const row of this.plan.rows) {
      const key = isAgentRow(row) ? agentRecordId(row) : null;
      if (key) wanted.push({ key, agent: row.agent, branch: row.branch, issueId: row.issueId });
    }
    if (wanted.length === 0) {
      this.agentBranches = new Map();
      return;
    }
    const mains = [...this.worktrees.values()].filter((w) => w.isMain && !w.bare && !w.prunable).map((w) => w.path);
    const found = await readAgentBranches(mains.length > 0 ? mains : this.options.repos, wanted, this.git).catch((error: unknown) => {
      this.warn(`reading external agents' branches failed: ${error instanceof Error ? error.message : String(error)}`, true);
      return this.agentBranches;
    });
    if (!this.stopped) this.agentBranches = found;
  }

  private async loadClaude(): Promise<void> {
    const [live, transcripts] = await Promise.all([
      this.claude.readLiveSessions().catch((error: unknown) => {
        this.warn(`reading live Claude sessions failed: ${String(error)}`, true);
        return this.live;
      }),
      this.claude.readTranscripts().catch((error: unknown) => {
        this.warn(`reading transcripts failed: ${String(error)}`, true);
        return this.transcripts;
      }),
    ]);
    this.live = live;
    this.transcripts = transcripts;
  }

  private recompute(): void {
    const now = this.now();
    const fromWorktrees = buildRecords({
      worktrees: [...this.worktrees.values()],
      git: this.gitFacts,
      ccc: this.ccc,
      live: this.live,
      transcripts: this.transcripts,
      plan: this.plan,
      worktreeWarnings: this.discoveryWarnings,
      now,
      ...(this.options.activeWindowMs !== undefined ? { activeWindowMs: this.options.activeWindowMs } : {}),
    });
    const worktrees = [...this.worktrees.values()];
    const derived = [...fromWorktrees, ...agentRecords({ plan: this.plan, worktrees, branches: this.agentBranches, now })];
    const changed: SessionRecord[] = [];
    const notifications: NotifyEvent[] = [];
    const next = new Map<string, SessionRecord>();
    let nextPending: number | null = null;
    for (const r of derived) {
      if (r.worktree && r.claude?.alive && this.launched.delete(r.worktree.path)) this.debouncer.showNextAtOnce(r.id);
      const d = this.debouncer.update(r.id, { status: r.status, reason: r.statusReason }, now);
      if (d.pendingUntil !== null) nextPending = nextPending === null ? d.pendingUntil : Math.min(nextPending, d.pendingUntil);
      const record: SessionRecord = {
        ...r,
        status: d.shown.status,
        statusReason: d.shown.reason,
        statusSince: new Date(d.shown.since).toISOString(),
      };
      if (d.notify) notifications.push({ id: r.id, name: r.name, from: d.previous, to: d.shown.status, reason: d.shown.reason });
      next.set(r.id, record);
      const key = JSON.stringify(record);
      if (this.emitted.get(r.id) !== key) {
        this.emitted.set(r.id, key);
        changed.push(record);
      }
    }
    const removedIds: string[] = [];
    for (const id of this.records.keys()) {
      if (!next.has(id)) {
        removedIds.push(id);
        this.emitted.delete(id);
        this.debouncer.forget(id);
      }
    }
    this.records = next;
    this.schedulePending(nextPending, now);
    if (changed.length > 0 || removedIds.length > 0) {
      this.options.onChange?.(changed, removedIds);
      this.emit('change', { records: changed, removedIds });
    }
    for (const n of notifications) this.emit('notify', n);
  }

  /** A status is waiting out its hold time: look again when it is due. */
  private schedulePending(at: number | null, now: number): void {
    if (at === null || this.stopped) return;
    if (this.pendingAt !== null && this.pendingAt <= at && this.pendingTimer !== null) return;
    if (this.pendingTimer !== null) this.timers.clearTimeout(this.pendingTimer);
    this.pendingAt = at;
    this.pendingTimer = this.timers.setTimeout(() => {
      this.pendingTimer = null;
      this.pendingAt = null;
      if (!this.stopped) this.recompute();
    }, Math.max(0, at - now) + 5);
  }

  private warn(message: string, dedupe = false): void {
    if (dedupe && this.globalWarnings.includes(message)) return;
    this.globalWarnings.push(message);
    if (this.globalWarnings.length > 50) this.globalWarnings.splice(0, this.globalWarnings.length - 50);
    this.emit('warning', { message });
  }
}
