import type { LinearConnectionState, LinearIssueSnapshot, LinearPlanState, RateBudget } from '../../../shared/domain/linear';
import { systemClock, type Clock, type TimerHandle } from './clock';
import type { LinearPlanCache } from './linearCache';
import { LinearRequestError, type LinearGateway } from './linearGateway';
import { mapLinearError } from './mapLinearError';
import { emptyPlanState, latestUpdatedAt, mergeChildren, sameContent, toSnapshot } from './planMerge';
import { nextPollDelay, type PollIntervals } from './pollDelay';

/**
 * Polls master plans in Linear: ONE request per plan per poll (more only when a plan has more children
 * than a page), incremental `updatedAt` polls between full refreshes, adaptive interval, never two
 * requests in flight for a plan, never a request before a rate-limit reset. Emits `LinearPlanState`.
 */

export interface PlanPollerOptions {
  gateway: Pick<LinearGateway, 'fetchPlanPage'>;
  clock?: Clock;
  cache?: LinearPlanCache | null;
  onUpdate?: (state: LinearPlanState) => void;
  /** Every Nth poll of a plan fetches all children (to see removed/archived ones). Default 10. */
  fullRefreshEvery?: number;
  /** Children per page on a full refresh. Default 100. */
  pageSize?: number;
  /**
   * Children per page on an incremental poll (few children change between polls; Linear charges
   * complexity by `first`, not by what comes back). Default 25; more changes than that just page.
   */
  incrementalPageSize?: number;
  /**
   * The incremental filter looks this far behind the newest `updatedAt` seen. Default 0: anything
   * missed (e.g. replica lag) is caught by the next full refresh, and a non-zero overlap would
   * re-fetch a burst of recently created children on every poll.
   */
  overlapMs?: number;
  intervals?: Partial<PollIntervals>;
  visible?: boolean;
}

interface PlanEntry {
  id: string;
  state: LinearPlanState;
  timer: TimerHandle | null;
  dueAt: number | null;
  inFlight: Promise<void> | null;
  successfulPolls: number;
  watermark: string | null;
  lastPollAt: number | null;
  failures: number;
}

const OK: LinearConnectionState = { kind: 'ok', message: 'Connected to Linear.', until: null };

export class PlanPoller {
  private readonly plans = new Map<string, PlanEntry>();
  private readonly clock: Clock;
  private readonly fullRefreshEvery: number;
  private readonly pageSize: number;
  private readonly incrementalPageSize: number;
  private readonly overlapMs: number;
  private visible: boolean;
  private recentUserActionAt: number | null = null;
  private budget: RateBudget | null = null;
  private rateLimitedUntil: number | null = null;
  private stopped = false;
  private requestCount = 0;

  constructor(private readonly options: PlanPollerOptions) {
    this.clock = options.clock ?? systemClock;
    this.fullRefreshEvery = Math.max(1, options.fullRefreshEvery ?? 10);
    this.pageSize = options.pageSize ?? 100;
    this.incrementalPageSize = options.incrementalPageSize ?? 25;
    this.overlapMs = options.overlapMs ?? 0;
    this.visible = options.visible ?? true;
  }

  /** Start polling a plan: emits the cached state (stale) first, then polls right away. */
  async addPlan(masterIssueId: string): Promise<void> {
    if (this.plans.has(masterIssueId)) return;
    const entry: PlanEntry = {
      id: masterIssueId,
      state: emptyPlanState(masterIssueId, { kind: 'ok', message: 'Loading from Linear…', until: null }),
      timer: null,
      dueAt: null,
      inFlight: null,
      successfulPolls: 0,
      watermark: null,
      lastPollAt: null,
      failures: 0,
    };
    this.plans.set(masterIssueId, entry);
    const cached = (await this.options.cache?.load(masterIssueId)) ?? null;
    if (cached && this.plans.get(masterIssueId) === entry && entry.state.fetchedAt === null) {
      entry.state = { ...cached, stale: true };
      this.emit(entry);
    }
    this.schedule(entry, 0);
  }

  removePlan(masterIssueId: string): void {
    const entry = this.plans.get(masterIssueId);
    entry?.timer?.cancel();
    this.plans.delete(masterIssueId);
  }

  getState(masterIssueId: string): LinearPlanState | null {
    return this.plans.get(masterIssueId)?.state ?? null;
  }

  setVisible(visible: boolean): void {
    if (this.visible === visible) return;
    this.visible = visible;
    this.rescheduleAll();
  }

  /** The person acted (approved a dispatch, started a session): poll faster for a minute. */
  noteUserAction(): void {
    this.recentUserActionAt = this.clock.now();
    this.rescheduleAll();
  }

  /** Poll now unless a poll is already in flight (then wait for it) or a rate limit is in force. */
  pollNow(masterIssueId: string): Promise<void> {
    const entry = this.plans.get(masterIssueId);
    if (!entry) return Promise.resolve();
    return this.run(entry);
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.plans.values()) e.timer?.cancel();
  }

  /** Resolves when no poll is in flight (tests and benchmarks). */
  async whenIdle(): Promise<void> {
    for (;;) {
      const pending = [...this.plans.values()].map((e) => e.inFlight).filter((p): p is Promise<void> => p !== null);
      if (!pending.length) return;
      await Promise.all(pending);
    }
  }

  requestsMade(): number {
    return this.requestCount;
  }

  currentBudget(): RateBudget | null {
    return this.budget;
  }

  rateLimitedUntilMs(): number | null {
    return this.rateLimitedUntil;
  }

  private delayFor(entry: PlanEntry): number {
    return nextPollDelay({
      visible: this.visible,
      recentUserActionAt: this.recentUserActionAt,
      budget: this.budget,
      rateLimitedUntil: this.rateLimitedUntil,
      now: this.clock.now(),
      consecutiveFailures: entry.failures,
      intervals: this.options.intervals,
    });
  }

  private schedule(entry: PlanEntry, delay: number): void {
    if (this.stopped || this.plans.get(entry.id) !== entry) return;
    entry.timer?.cancel();
    entry.dueAt = this.clock.now() + delay;
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = null;
      void this.run(entry);
    }, delay);
  }

  private rescheduleAll(): void {
    const now = this.clock.now();
    for (const entry of this.plans.values()) {
      if (entry.inFlight || entry.lastPollAt === null) continue;
      const due = Math.max(now, entry.lastPollAt + this.delayFor(entry));
      const floor = this.rateLimitedUntil !== null ? this.rateLimitedUntil : 0;
      this.schedule(entry, Math.max(due, floor) - now);
    }
  }

  private isRateLimited(): boolean {
    return this.rateLimitedUntil !== null && this.clock.now() < this.rateLimitedUntil;
  }

  private run(entry: PlanEntry): Promise<void> {
    if (entry.inFlight) return entry.inFlight;
    if (this.stopped || this.plans.get(entry.id) !== entry) return Promise.resolve();
    if (this.isRateLimited()) {
      this.schedule(entry, this.delayFor(entry));
      return Promise.resolve();
    }
    entry.timer?.cancel();
    entry.timer = null;
    const p = this.poll(entry).finally(() => {
      entry.inFlight = null;
      this.schedule(entry, this.delayFor(entry));
    });
    entry.inFlight = p;
    return p;
  }

  private async poll(entry: PlanEntry): Promise<void> {
    const full = entry.successfulPolls % this.fullRefreshEvery === 0 || entry.watermark === null;
    const updatedAfter = full || !entry.watermark ? null : new Date(Date.parse(entry.watermark) - this.overlapMs).toISOString();
    entry.lastPollAt = this.clock.now();
    try {
      let after: string | null = null;
      let master: LinearIssueSnapshot | null = null;
      const fetched: LinearIssueSnapshot[] = [];
      for (;;) {
        this.requestCount += 1;
        const res = await this.options.gateway.fetchPlanPage({
          id: entry.id,
          first: full ? this.pageSize : this.incrementalPageSize,
          after,
          updatedAfter,
        });
        if (res.budget) this.budget = res.budget;
        master = toSnapshot(res.data.issue);
        for (const n of res.data.issue.children.nodes) fetched.push(toSnapshot(n));
        const { hasNextPage, endCursor } = res.data.issue.children.pageInfo;
        if (!hasNextPage || !endCursor || this.stopped) break;
        if (this.isRateLimited()) throw new Error('rate limited while paging');
        after = endCursor;
      }
      const previous = entry.state.fetchedAt === null ? null : entry.state;
      const children = mergeChildren(previous?.children ?? [], fetched, full);
      const changed = !sameContent(entry.state, master, children) || entry.state.stale;
      entry.watermark = latestUpdatedAt(entry.watermark, master ? [master, ...fetched] : fetched);
      entry.successfulPolls += 1;
      entry.failures = 0;
      entry.state = {
        masterIssueId: entry.id,
        master,
        children,
        fetchedAt: new Date(this.clock.now()).toISOString(),
        stale: false,
        connection: OK,
      };
      if (changed) await this.options.cache?.save(entry.state).catch(() => undefined);
      this.emit(entry);
    } catch (error) {
      entry.failures += 1;
      const connection = error instanceof LinearRequestError ? error.connection : mapLinearError(error, this.clock.now());
      if (error instanceof LinearRequestError && error.budget) this.budget = error.budget;
      if (connection.kind === 'rate-limited' && connection.until) {
        const until = Date.parse(connection.until);
        this.rateLimitedUntil = Math.max(this.rateLimitedUntil ?? 0, until);
        entry.failures = 0; // the reset time already says how long to wait
        this.rescheduleAll();
      }
      entry.state = { ...entry.state, stale: true, connection };
      this.emit(entry);
    }
  }

  private emit(entry: PlanEntry): void {
    this.options.onUpdate?.(entry.state);
  }
}
