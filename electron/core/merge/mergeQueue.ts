import type { MergeOutcome, MergeQueueState, MergeStrategy, SuggestedOrder } from '../../../shared/domain/merge';
import type { BaseLockOptions } from './baseLock';
import { gatherBranchFacts, type SessionInfo } from './branchFacts';
import { computeConflictMatrix } from './conflictMatrix';
import { mergeBranch } from './mergeBranch';
import { recoverInterrupted, type RecoveryReport } from './mergeJournal';
import { suggestOrder } from './suggestOrder';
import { computeVerdicts, nextMergeable } from './verdicts';

export interface MergeQueueOptions {
  repoDir: string;
  base: string;
  /** Declared merge order (branch names). */
  order: readonly string[];
  strategy: MergeStrategy;
  /** Session status per branch; branches without an entry count as status 'unknown'. */
  sessions?: readonly SessionInfo[];
  /** Called with a fresh snapshot after every change. */
  onChange?: (state: MergeQueueState) => void;
  /** Merges in flight while computing the conflict matrix (default 2). */
  concurrency?: number;
  lock?: BaseLockOptions;
}

/** An override (merge out of the declared order) needs a reason a person wrote. */
export const MIN_OVERRIDE_REASON = 8;

/**
 * The merge queue for one repository and base branch: holds the declared order and strategy,
 * computes the conflict matrix and verdicts, merges the next branch (or one out of order with a
 * written reason), and reports every change through `onChange`.
 */
export class MergeQueue {
  private readonly repoDir: string;
  private readonly base: string;
  private order: string[];
  private strategy: MergeStrategy;
  private sessions = new Map<string, SessionInfo>();
  private snapshot: MergeQueueState;
  private readonly onChange: ((state: MergeQueueState) => void) | undefined;
  private readonly options: MergeQueueOptions;
  private running: Promise<unknown> = Promise.resolve();
  private recovered = false;
  private recoveries: RecoveryReport[] = [];

  constructor(options: MergeQueueOptions) {
    this.options = options;
    this.repoDir = options.repoDir;
    this.base = options.base;
    this.order = [...options.order];
    this.strategy = options.strategy;
    this.onChange = options.onChange;
    for (const s of options.sessions ?? []) this.sessions.set(s.branch, { ...s });
    this.snapshot = {
      repoDir: this.repoDir,
      base: this.base,
      strategy: this.strategy,
      order: [...this.order],
      matrix: null,
      facts: [],
      verdicts: [],
      next: null,
      busy: false,
      lastOutcome: null,
      refreshedAt: null,
      error: null,
    };
  }

  get state(): MergeQueueState {
    return this.snapshot;
  }

  /** Reports from recovering interrupted merges (done once, on the first refresh). */
  get recoveryReports(): readonly RecoveryReport[] {
    return this.recoveries;
  }

  setOrder(order: readonly string[]): void {
    this.order = [...order];
    this.publish({ order: [...this.order] });
  }

  setStrategy(strategy: MergeStrategy): void {
    this.strategy = strategy;
    this.publish({ strategy });
  }

  setSession(info: SessionInfo): void {
    this.sessions.set(info.branch, { ...info });
  }

  /** Suggests an order with fewer rebases, from the last computed matrix. */
  suggestOrder(dependsOn?: Readonly<Record<string, readonly string[]>>): SuggestedOrder {
    return suggestOrder({ order: this.order, matrix: this.snapshot.matrix, ...(dependsOn ? { dependsOn } : {}) });
  }

  /** Recomputes matrix, facts and verdicts (recovering interrupted merges first, once). */
  refresh(): Promise<MergeQueueState> {
    return this.serialize(() => this.doRefresh());
  }

  /** Merges the one branch whose verdict is 'ready'; refuses with a reason when there is none. */
  mergeNext(): Promise<MergeOutcome> {
    return this.serialize(async () => {
      await this.doRefresh();
      const next = this.snapshot.next;
      if (!next) {
        const head = this.snapshot.verdicts.find((v) => v.kind !== 'merged' && v.kind !== 'missing');
        return this.finish(this.refusal(head?.branch ?? '', 'not-mergeable', head ? `nothing is ready: '${head.branch}' ${head.reason}` : 'nothing left to merge', null));
      }
      return this.finish(await this.runMerge(next, null));
    });
  }

  /**
   * Merges `branch` ahead of its turn. Needs a written reason (returned in the outcome so the caller
   * records it in the plan file). Order-only verdicts can be overridden; safety ones cannot.
   */
  mergeOutOfOrder(branch: string, reason: string): Promise<MergeOutcome> {
    return this.serialize(async () => {
      const why = reason.trim();
      if (why.length < MIN_OVERRIDE_REASON) {
        return this.refusal(branch, 'override-reason-required', `merging '${branch}' out of order needs a written reason (at least ${MIN_OVERRIDE_REASON} characters)`, why || null);
      }
      await this.doRefresh();
      const verdict = this.snapshot.verdicts.find((v) => v.branch === branch);
      if (!verdict) return this.finish(this.refusal(branch, 'not-mergeable', `'${branch}' is not in the declared order`, why));
      if (verdict.kind !== 'ready' && !verdict.overridable) {
        return this.finish(this.refusal(branch, 'not-mergeable', `'${branch}' cannot be merged now, even out of order: ${verdict.reason}`, why));
      }
      return this.finish(await this.runMerge(branch, why));
    });
  }

  private async runMerge(branch: string, overrideReason: string | null): Promise<MergeOutcome> {
    this.publish({ busy: true });
    const outcome = await mergeBranch({
      repoDir: this.repoDir,
      base: this.base,
      branch,
      strategy: this.strategy,
      expectedBaseSha: this.snapshot.matrix?.baseHead ?? null,
      overrideReason,
      ...(this.options.lock ? { lock: this.options.lock } : {}),
    });
    // Whatever happened (success, base moved under us, conflict), re-plan from the repo as it is now.
    await this.doRefresh().catch(() => undefined);
    return outcome;
  }

  private finish(outcome: MergeOutcome): MergeOutcome {
    this.publish({ lastOutcome: outcome, busy: false });
    return outcome;
  }

  private refusal(branch: string, code: 'not-mergeable' | 'override-reason-required', message: string, overrideReason: string | null): MergeOutcome {
    return {
      ok: false,
      branch,
      strategy: this.strategy,
      oldBaseSha: this.snapshot.matrix?.baseHead ?? null,
      newBaseSha: null,
      backupRefs: [],
      message,
      warnings: [],
      conflictFiles: [],
      overrideReason,
      error: { code, message },
    };
  }

  private async doRefresh(): Promise<MergeQueueState> {
    try {
      if (!this.recovered) {
        this.recoveries = await recoverInterrupted(this.repoDir);
        this.recovered = true;
      }
      const sessions = this.order.map((b) => this.sessions.get(b) ?? { branch: b, status: 'unknown' as const });
      const completed = sessions.filter((s) => s.status === 'completed' || s.status === 'failed' || s.status === 'abandoned').map((s) => s.branch);
      const matrix = await computeConflictMatrix(this.repoDir, this.base, completed, {
        previous: this.snapshot.matrix,
        ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
      });
      const facts = await gatherBranchFacts(this.repoDir, this.base, sessions, matrix);
      const verdicts = computeVerdicts({ base: this.base, order: this.order, facts, matrix });
      this.publish({ matrix, facts, verdicts, next: nextMergeable(verdicts), refreshedAt: new Date().toISOString(), error: null });
    } catch (error) {
      this.publish({ error: (error as Error).message, next: null });
    }
    return this.snapshot;
  }

  private publish(patch: Partial<MergeQueueState>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.onChange?.(this.snapshot);
  }

  /** One operation at a time per queue instance (other windows/processes are held off by the base lock). */
  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.running.then(fn, fn);
    this.running = run.catch(() => undefined);
    return run;
  }
}
