import { RpcFailure } from '../../../../shared/contract/rpcResult';
import { coalesced } from '../../async/coalesced';
import type { Toast } from '../../../../shared/domain/appMeta';
import type { MergeOutcome, MergeStrategy, RebaseResult, RemoveWorktreeResult } from '../../../../shared/domain/merge';
import type { MergeActionNote, MergeQueueView, MergeRowView, SemanticHold } from '../../../../shared/domain/mergeView';
import { gatesOfRow, postSessionRecordOf, readReviewGates, type PlanReviewGates } from '../../plans/reviewGates';
import type { ParsedPlan } from '../../../../shared/domain/plan';
import type { SessionRecord } from '../../../../shared/domain/session';
import { parsePlan } from '../../plans/parsePlan';
import { readPlanFile } from '../../plans/planFile';
import { setSessionRegistryStatus } from '../../plans/planWriter';
import { planRepoLine } from '../../plans/service/planMasterInfo';
import type { StateStore } from '../../state/stateStore';
import { branchRef } from '../../git/branchRef';
import { readRef } from '../../git/revParse';
import { undo, type UndoResult } from '../backupRefs';
import { recoverInterrupted, type RecoveryReport } from '../mergeJournal';
import { revertMove, type RevertResult } from '../revertMove';

/** "Recovered an interrupted merge of 's1' into 'main': completed …" */
export function recoveryLine(r: RecoveryReport): string {
  const bad = r.action === 'needs-attention' || r.action === 'skipped-locked';
  return `${bad ? 'An interrupted' : 'Recovered an interrupted'} ${r.subject}${bad ? ' needs you' : ''}: ${r.message}`;
}
import { MergeQueue } from '../mergeQueue';
import { rebaseWorktree } from '../rebaseWorktree';
import { removeWorktree } from '../removeWorktree';
import { suggestOrder } from '../suggestOrder';
import { planMergeOrder, type PlannedBranch } from './mergeOrderFromPlan';
import { orderNoteOf, type OrderNote } from './orderNote';
import { planQueues, recordOfBranch, type QueueSpec } from './planQueues';
import { appendLogEdit, MERGE_LOG_HEADING, mergeRecordEdit, revertLogLine, undoLogLine, writePlanEdit } from '../../plans/mergeLog';
import { approachOf, gatherQueueExtras, type QueueExtras } from './queueExtras';
import { buildQueueView } from './queueView';
import { activeHolds, CROSS_SESSION_HEADING, crossHoldIdOf, crossSessionHoldLines, holdLines, holdStopping, resolveLine, SEMANTIC_HEADING } from '../../plans/semanticConflictLog';
import { crossSessionComment } from './crossSessionComment';
import { mergeStatusOf } from './sessionStatusMap';
import { memoryMergePreferences, type MergePreferences } from './mergePreferences';

/** The one call of the Linear service the merge queue makes ("Linear Done" after a merge). */
export interface MergeLinearSink {
  branchMerged(issueId: string): Promise<{ kind: string; message?: string }>;
  /** §3 cross-session conflicts: a comment on the master plan issue (RpcFailure 'unavailable' when not connected). */
  commentOnIssue?(issueId: string, body: string): Promise<{ id: string; url: string }>;
}

export interface MergeServiceOptions {
  store: StateStore;
  linear?: () => MergeLinearSink | null;
  toast?: (toast: Omit<Toast, 'id' | 'at'>) => void;
  warn?: (messages: { message: string; subject: string }[]) => void;
  log?: (message: string) => void;
  /** Session/plan changes are collected this long before queues are re-planned (default 300 ms). */
  debounceMs?: number;
  /** A full refresh this often, for bases that move where no session record sees it (default 20 s; 0: never). */
  pollMs?: number;
  now?: () => Date;
  /** Where each queue's strategy and manual order survive restarts (default: memory only). */
  preferences?: MergePreferences;
}

interface Entry {
  spec: QueueSpec;
  queue: MergeQueue;
  planTitle: string;
  masterIssueId: string | null;
  orderNote: OrderNote;
  declaredOrder: string[];
  /** The person's reordering (merge.setOrder); dropped when the plan's own order changes. */
  manualOrder: string[] | null;
  signature: string;
  extras: QueueExtras;
  holds: SemanticHold[];
  /** §3 review gates of the plan (post-session: a branch merges once its review is recorded). */
  review: PlanReviewGates | null;
  /** The master issue as the plan links it (so what the app writes is a link, not a plain id). */
  masterIssueRef: string | null;
  lastAction: MergeActionNote | null;
  recoveryReported: boolean;
  chain: Promise<unknown>;
}

interface LoadedPlan {
  hash: string;
  text: string;
  parsed: ParsedPlan;
}

const NO_EXTRAS: QueueExtras = { preview: null, changedFiles: {}, backups: [] };

/**
 * Runs the merge queues: one per master plan × repository × base branch, in the plan's declared
 * order, fed with the live session statuses; re-plans when a branch or the base moves; merges,
 * rebases, undoes and removes on request; and writes what happened into the plan file.
 */
export class MergeService {
  private readonly entries = new Map<string, Entry>();
  private readonly plans = new Map<string, LoadedPlan>();
  private timer: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  /** Each queue's base head at the last poll. */
  private readonly polledHeads = new Map<string, string | null>();
  private unsubscribe: (() => void) | null = null;
  private readonly syncRun = coalesced(
    () => this.syncOnce().catch((error: unknown) => this.options.log?.(`merge: ${String(error)}`)),
    () => this.stopped,
  );
  private stopped = false;
  private warnings = new Map<string, string>();
  private readonly recoveredRepos = new Set<string>();

  private readonly preferences: MergePreferences;

  constructor(private readonly options: MergeServiceOptions) {
    this.preferences = options.preferences ?? memoryMergePreferences();
  }

  async start(): Promise<void> {
    this.unsubscribe = this.options.store.subscribe((patch) => {
      if (patch.ops.some((op) => op.path[0] === 'sessions' || op.path[0] === 'plans')) this.schedule();
    });
    // First thing: a merge killed between the ref move and the checkout sync must not look like a
    // staged revert until some queue happens to refresh. Every repo a session lives in is recovered now.
    await this.recoverRepos(Object.values(this.options.store.current.sessions).map((r) => r.worktree?.repoRoot ?? null));
    await this.sync();
    const pollMs = this.options.pollMs ?? 20_000;
    if (pollMs > 0 && !this.stopped) {
      this.poll = setInterval(() => void this.pollBases().catch(() => undefined), pollMs);
      this.poll.unref?.();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    await this.syncRun.running;
    await Promise.all([...this.entries.values()].map((e) => e.chain.catch(() => undefined)));
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), this.options.debounceMs ?? 300);
  }

  /** Re-reads plans and session records; overlapping calls collapse into one more round. */
  sync(): Promise<void> {
    return this.syncRun.run();
  }

  /**
   * The poll is for bases that move where no session record sees it (a push from another clone, a
   * merge in the person's terminal): one ref read per repository and base, and a refresh only of the
   * queues whose base head moved. Refreshing every queue every 20 s cost ~10 git processes per branch
   * of an idle machine.
   */
  private async pollBases(): Promise<void> {
    // Queues are re-planned on every sessions/plans patch already; the poll only looks at base heads.
    const heads = new Map<string, Promise<string | null>>();
    const moved: string[] = [];
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        const key = `${entry.spec.repoDir}\0${entry.spec.base}`;
        if (!heads.has(key)) heads.set(key, readRef(entry.spec.repoDir, branchRef(entry.spec.base)).catch(() => null));
        const head = (await heads.get(key)) ?? null;
        const known = this.polledHeads.get(entry.spec.id);
        this.polledHeads.set(entry.spec.id, head);
        // The first look only records the head: the queue was just refreshed by sync.
        if (known !== undefined && head !== known) moved.push(entry.spec.id);
      }),
    );
    await Promise.all(moved.map((id) => this.refreshEntry(id)));
  }

  /** Refreshes every queue now (the `merge.refresh` request). */
  async refreshAll(queueId?: string): Promise<number> {
    await this.sync();
    const ids = queueId ? [this.entry(queueId).spec.id] : [...this.entries.keys()];
    await Promise.all(ids.map((id) => this.refreshEntry(id)));
    return ids.length;
  }

  private async loadPlan(path: string, hash: string): Promise<LoadedPlan | null> {
    const cached = this.plans.get(path);
    if (cached && cached.hash === hash) return cached;
    try {
      const snap = await readPlanFile(path);
      const loaded = { hash, text: snap.text, parsed: snap.parsed };
      this.plans.set(path, loaded);
      return loaded;
    } catch {
      return null;
    }
  }

  private async syncOnce(): Promise<void> {
    const state = this.options.store.current;
    const records = Object.values(state.sessions);
    // Repos that appeared since start (a new root, a session found later) are recovered on sight.
    await this.recoverRepos(records.map((r) => r.worktree?.repoRoot ?? null));
    const seen = new Set<string>();
    for (const summary of Object.values(state.plans)) {
      if (summary.readError) continue;
      const plan = await this.loadPlan(summary.path, summary.contentHash);
      if (!plan || this.stopped) continue;
      const planned = planMergeOrder(plan.parsed, records);
      if (planned.branches.length === 0) continue;
      for (const spec of planQueues(summary.path, planned.branches, records, planRepoLine(plan.text))) {
        seen.add(spec.id);
        this.upsertEntry(spec, plan, orderNoteOf(planned.order, spec.branches), records);
      }
    }
    for (const path of [...this.plans.keys()]) if (!state.plans[path]) this.plans.delete(path);
    for (const id of [...this.entries.keys()]) {
      if (seen.has(id)) continue;
      this.entries.delete(id);
      this.options.store.remove('merge', id);
    }
  }

  private upsertEntry(spec: QueueSpec, plan: LoadedPlan, orderNote: OrderNote, records: readonly SessionRecord[]): void {
    const order = spec.branches.map((b) => b.branch);
    let entry = this.entries.get(spec.id);
    const sessions = spec.branches.map((b) => {
      const r = recordOfBranch(records, b.branch, spec.repoDir);
      return { branch: b.branch, status: mergeStatusOf(r?.status), worktreePath: r?.worktree?.path ?? null };
    });
    if (!entry) {
      const id = spec.id;
      const saved = this.preferences.get(id);
      // A saved order counts only while the plan still declares the order it was made against.
      const savedOrder = saved?.manualOrder && saved.declaredOrder.join('\0') === order.join('\0') ? saved.manualOrder : null;
      entry = {
        spec,
        queue: new MergeQueue({ repoDir: spec.repoDir, base: spec.base, order, strategy: saved?.strategy ?? 'merge', sessions, onChange: () => this.publish(id) }),
        planTitle: plan.parsed.title,
        masterIssueId: plan.parsed.header.parentIssue?.id ?? null,
        orderNote,
        declaredOrder: order,
        manualOrder: savedOrder,
        signature: '',
        extras: NO_EXTRAS,
        holds: [],
        review: null,
        masterIssueRef: null,
        lastAction: null,
        recoveryReported: false,
        chain: Promise.resolve(),
      };
      this.entries.set(id, entry);
    } else {
      for (const s of sessions) entry.queue.setSession(s);
    }
    entry.spec = spec;
    entry.planTitle = plan.parsed.title;
    entry.masterIssueId = plan.parsed.header.parentIssue?.id ?? null;
    entry.orderNote = orderNote;
    entry.holds = activeHolds(plan.parsed.semanticConflicts);
    entry.review = readReviewGates(plan.text, plan.parsed.sections);
    const parent = plan.parsed.header.parentIssue;
    entry.masterIssueRef = parent ? (parent.url ? `[${parent.id}](${parent.url})` : parent.id) : null;
    if (entry.declaredOrder.join('\0') !== order.join('\0')) {
      entry.declaredOrder = order;
      entry.manualOrder = null;
    }
    const effective = entry.manualOrder ?? order;
    if (entry.queue.state.order.join('\0') !== effective.join('\0')) entry.queue.setOrder(effective);
    const signature = this.signatureOf(entry, records);
    if (signature !== entry.signature) {
      entry.signature = signature;
      void this.refreshEntry(spec.id);
    } else {
      this.publish(spec.id);
    }
  }

  /** What, when it changes, means the verdicts may have changed: statuses, heads, dirt, the base's head. */
  private signatureOf(entry: Entry, records: readonly SessionRecord[]): string {
    const { repoDir, base } = entry.spec;
    const baseRecord = records.find((r) => r.worktree?.repoRoot === repoDir && r.git?.branch === base);
    const parts = entry.spec.branches.map((b) => {
      const r = recordOfBranch(records, b.branch, repoDir);
      const g = r?.git;
      return [b.branch, r?.status, g?.head, g?.ahead, g?.behind, g?.dirty, g?.rebaseInProgress, g?.lockFiles.length, r?.worktree?.path];
    });
    return JSON.stringify([entry.queue.state.order, baseRecord?.git?.head ?? null, parts]);
  }

  private entry(queueId: string): Entry {
    const entry = this.entries.get(queueId);
    if (!entry) throw new RpcFailure('not_found', 'That merge queue no longer exists (its plan or branches changed); the view will update.');
    return entry;
  }

  /** One operation at a time per queue, in this service (the engine's base lock covers other processes). */
  private run<T>(entry: Entry, fn: () => Promise<T>): Promise<T> {
    const next = entry.chain.then(fn, fn);
    entry.chain = next.catch(() => undefined);
    return next;
  }

  private refreshEntry(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return Promise.resolve();
    return this.run(entry, async () => {
      await entry.queue.refresh();
      await this.refreshExtras(entry);
      this.reportRecovery(entry);
    });
  }

  private async refreshExtras(entry: Entry): Promise<void> {
    entry.extras = await gatherQueueExtras(entry.spec.repoDir, entry.spec.base, entry.queue.state.order, entry.extras.preview).catch(() => entry.extras);
    this.publish(entry.spec.id);
  }

  /** Runs journal recovery once per repo (at start for every known repo, later for repos seen first). */
  private async recoverRepos(repoDirs: ReadonlyArray<string | null>): Promise<void> {
    const fresh = [...new Set(repoDirs.filter((d): d is string => d !== null && !this.recoveredRepos.has(d)))];
    for (const repoDir of fresh) this.recoveredRepos.add(repoDir);
    await Promise.all(
      fresh.map(async (repoDir) => {
        const reports = await recoverInterrupted(repoDir).catch((error: unknown) => {
          this.options.log?.(`merge recovery in ${repoDir} failed: ${String(error)}`);
          return [];
        });
        this.announceRecovery(repoDir, reports);
      }),
    );
  }

  /** Says what recovery did, once: a toast each, a status-bar warning for those that need the person. */
  private announceRecovery(subject: string, reports: readonly RecoveryReport[]): void {
    if (reports.length === 0) return;
    for (const r of reports) {
      const bad = r.action === 'needs-attention' || r.action === 'skipped-locked';
      const line = recoveryLine(r);
      this.options.toast?.({ level: bad ? 'warning' : 'info', title: bad ? 'An interrupted merge needs you' : 'Recovered an interrupted merge', body: line, subject });
      this.options.log?.(line);
      if (bad) this.warnings.set(`${subject}:${r.branch}`, line);
    }
    this.options.warn?.([...this.warnings].map(([key, message]) => ({ subject: key, message })));
  }

  /** Interrupted merges the queue's own first refresh found (a repo first seen after start): say so once. */
  private reportRecovery(entry: Entry): void {
    if (entry.recoveryReported || entry.queue.state.refreshedAt === null) return;
    entry.recoveryReported = true;
    const reports = entry.queue.recoveryReports;
    if (reports.length === 0) return;
    this.announceRecovery(entry.spec.id, reports);
    entry.lastAction = this.note('recovery', true, reports.map(recoveryLine).join(' · '), null);
  }

  private publish(id: string): void {
    const entry = this.entries.get(id);
    if (!entry || this.stopped) return;
    const view: MergeQueueView = buildQueueView({
      spec: entry.spec,
      planTitle: entry.planTitle,
      masterIssueId: entry.masterIssueId,
      orderNote: entry.orderNote,
      state: entry.queue.state,
      records: Object.values(this.options.store.current.sessions),
      preview: entry.extras.preview,
      changedFiles: entry.extras.changedFiles,
      backups: entry.extras.backups,
      holds: entry.holds,
      postSessionReview: (branch) => this.postSessionReview(entry, branch),
      suggested: entry.extras.preview ? suggestOrder({ order: entry.queue.state.order, matrix: entry.extras.preview }) : null,
      lastAction: entry.lastAction,
    });
    this.options.store.upsert('merge', id, view);
  }

  private note(kind: MergeActionNote['kind'], ok: boolean, message: string, branch: string | null, conflictFiles: string[] = []): MergeActionNote {
    return { kind, ok, message, branch, conflictFiles, at: this.now().toISOString() };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  // ── Requests ───────────────────────────────────────────────────────────────────────────────

  setStrategy(queueId: string, strategy: MergeStrategy): MergeQueueView {
    const entry = this.entry(queueId);
    entry.queue.setStrategy(strategy);
    this.savePreference(queueId);
    return this.view(queueId);
  }

  async setOrder(queueId: string, order: readonly string[]): Promise<MergeQueueView> {
    const entry = this.entry(queueId);
    const current = [...entry.declaredOrder].sort().join('\0');
    if ([...order].sort().join('\0') !== current) {
      throw new RpcFailure('bad_request', `The new order must list exactly the queue's branches: ${entry.declaredOrder.join(', ')}.`);
    }
    entry.manualOrder = order.join('\0') === entry.declaredOrder.join('\0') ? null : [...order];
    entry.queue.setOrder(order);
    this.savePreference(queueId);
    await this.refreshEntry(queueId);
    return this.view(queueId);
  }

  private savePreference(queueId: string): void {
    const entry = this.entry(queueId);
    this.preferences.set(queueId, { strategy: entry.queue.state.strategy, manualOrder: entry.manualOrder, declaredOrder: entry.declaredOrder });
  }

  view(queueId: string): MergeQueueView {
    this.publish(queueId);
    const view = this.options.store.current.merge[queueId];
    if (!view) throw new RpcFailure('not_found', 'That merge queue no longer exists.');
    return view;
  }

  /**
   * §8: a semantic conflict escalates to the person; nothing merges until they decide. §3: a
   * cross-session conflict holds the merges of its sessions until the person records the resolution.
   */
  private refuseIfHeld(entry: Entry, branch: string | null): void {
    const hold = holdStopping(entry.holds, branch);
    if (!hold) return;
    if (hold.kind === 'cross-session') {
      throw new RpcFailure('refused', `${branch ?? 'That branch'} is held: a cross-session conflict between ${hold.branches.join(' and ')} was flagged${hold.files.length > 0 ? ` (${hold.files.join(', ')})` : ''}: "${hold.note}". Human arbitration first (§3): record the resolution, then merge.`);
    }
    throw new RpcFailure('refused', `The queue is held: a semantic conflict between ${hold.branches.join(' and ')} was flagged ("${hold.note}"). Decide, then mark it resolved.`);
  }

  /** §3 Post-session: "async review on the session's PR before merge" — asked for by the plan, recorded in it. */
  private postSessionReview(entry: Entry, branch: string): MergeRowView['postSessionReview'] {
    const gates = entry.review;
    const planned = entry.spec.branches.find((b) => b.branch === branch);
    if (!gates || !planned) return null;
    const asked = gatesOfRow(gates, { session: planned.label, phase: planned.phase ?? '', issueId: planned.issueId ?? '', batch: 0 }).includes('post-session');
    if (!asked) return null;
    const record = postSessionRecordOf(gates, [planned.label, planned.phase, planned.issueId, planned.sessionName, branch]);
    return { passed: record !== null && record.outcome === 'passed', record: record?.text ?? null };
  }

  private refuseUnreviewed(entry: Entry, branch: string | null): void {
    if (!branch || this.postSessionReview(entry, branch)?.passed !== false) return;
    throw new RpcFailure('refused', `${branch} waits for its post-session review (§3: review on the session's PR before merge). Record the review in the Merge view once it passed (or the PR is approved).`);
  }

  async mergeNext(queueId: string): Promise<MergeOutcome> {
    const entry = this.entry(queueId);
    this.refuseIfHeld(entry, entry.queue.state.next);
    this.refuseUnreviewed(entry, entry.queue.state.next);
    const outcome = await this.run(entry, () => entry.queue.mergeNext());
    return this.afterMerge(entry, outcome);
  }

  async mergeOutOfOrder(queueId: string, branch: string, reason: string): Promise<MergeOutcome> {
    const entry = this.entry(queueId);
    this.refuseIfHeld(entry, branch);
    this.refuseUnreviewed(entry, branch);
    const outcome = await this.run(entry, () => entry.queue.mergeOutOfOrder(branch, reason));
    return this.afterMerge(entry, outcome);
  }

  /** After the engine merged: the plan's Merge Log and Session Registry, Linear Done, the view. */
  private async afterMerge(entry: Entry, outcome: MergeOutcome): Promise<MergeOutcome> {
    if (!outcome.ok) {
      entry.lastAction = this.note('refused', false, outcome.message, outcome.branch || null, outcome.conflictFiles);
      await this.run(entry, () => this.refreshExtras(entry));
      throw new RpcFailure(outcome.error?.code === 'base-moved' ? 'conflict' : 'refused', outcome.message);
    }
    const planned = entry.spec.branches.find((b) => b.branch === outcome.branch);
    const moved = outcome.newBaseSha !== outcome.oldBaseSha;
    const notes: string[] = [outcome.message, ...outcome.warnings];
    if (moved) {
      const write = await writePlanEdit(
        entry.spec.planPath,
        mergeRecordEdit({
          at: this.now().toISOString(),
          branch: outcome.branch,
          phase: planned?.phase ?? null,
          base: entry.spec.base,
          strategy: outcome.strategy,
          oldSha: outcome.oldBaseSha,
          newSha: outcome.newBaseSha,
          overrideReason: outcome.overrideReason,
          registryKey: planned ? this.registryKey(entry, planned) : null,
        }),
      ).catch((error: unknown) => ({ status: 'conflict' as const, reason: String(error) }));
      if (write.status === 'conflict') notes.push(`the plan file was not updated: ${write.reason ?? 'it kept changing'}`);
      const issueId = planned?.issueId ?? null;
      const linear = issueId ? this.options.linear?.() : null;
      if (linear && issueId) {
        const result = await linear.branchMerged(issueId).catch((error: unknown) => ({ kind: 'failed', message: String(error) }));
        if (result.kind === 'moved') notes.push(`${issueId} moved to Done in Linear`);
        if (result.kind === 'failed') notes.push(`Linear: ${result.message ?? 'could not move the issue to Done'}`);
      }
    }
    entry.lastAction = this.note('merge', true, notes.join(' · '), outcome.branch);
    await this.run(entry, () => this.refreshExtras(entry));
    return outcome;
  }

  /** The Session Registry row of a branch: its row's name, else its issue id. */
  private registryKey(entry: Entry, planned: PlannedBranch): string | null {
    const parsed = this.plans.get(entry.spec.planPath)?.parsed;
    const row = parsed?.sessionRegistry.find((r) => r.branch === planned.branch) ?? parsed?.sessionRegistry.find((r) => r.phase.trim() === planned.phase);
    return row?.sessionName ?? planned.sessionName ?? planned.issueId;
  }

  async rebase(queueId: string, branch: string): Promise<RebaseResult> {
    const entry = this.entry(queueId);
    const result = await this.run(entry, async () => {
      await entry.queue.refresh();
      const facts = entry.queue.state.facts.find((f) => f.branch === branch);
      if (!facts) throw new RpcFailure('not_found', `'${branch}' is not in this queue.`);
      if (!facts.worktreePath || facts.worktreeMissing) throw new RpcFailure('refused', `'${branch}' has no worktree to rebase in.`);
      return rebaseWorktree({ worktreePath: facts.worktreePath, onto: entry.spec.base, sessionStatus: facts.sessionStatus });
    });
    entry.lastAction = this.note('rebase', result.ok, result.message, branch, result.conflictFiles);
    await this.refreshEntry(queueId);
    if (!result.ok && result.conflictFiles.length === 0) throw new RpcFailure('refused', result.message);
    return result;
  }

  async undo(backupRef: string, expectedSha?: string | null): Promise<UndoResult> {
    const entry = [...this.entries.values()].find((e) => e.extras.backups.some((b) => b.ref === backupRef));
    if (!entry) throw new RpcFailure('not_found', `No merge queue lists the backup ${backupRef}; refresh and try again.`);
    const backup = entry.extras.backups.find((b) => b.ref === backupRef);
    const result = await this.run(entry, async () => {
      // Compare against what the person saw: a branch that moved since makes the undo refuse.
      const seen =
        expectedSha ??
        (backup?.branch === entry.spec.base ? entry.queue.state.matrix?.baseHead : entry.queue.state.facts.find((f) => f.branch === backup?.branch)?.sha) ??
        null;
      if (!seen) throw new RpcFailure('conflict', `The current head of '${backup?.branch ?? '?'}' is not known; refresh and try again.`);
      return undo(entry.spec.repoDir, backupRef, seen);
    });
    if (!result.ok) {
      entry.lastAction = this.note('undo', false, result.error?.message ?? 'undo refused', result.branch);
      await this.refreshEntry(entry.spec.id);
      throw new RpcFailure(result.error?.code === 'base-moved' ? 'conflict' : 'refused', result.error?.message ?? 'undo refused');
    }
    if (result.branch === entry.spec.base) await this.recordUndo(entry, backupRef, backup?.reason ?? '', result.restoredSha);
    entry.lastAction = this.note('undo', true, `'${result.branch}' restored to ${result.restoredSha?.slice(0, 10) ?? '?'}${result.backupRef ? ` (the undone state is kept as ${result.backupRef.ref})` : ''}`, result.branch);
    await this.refreshEntry(entry.spec.id);
    return result;
  }

  /** Takes a merge back out with a new commit (the base has commits on top, so a reset would lose them). */
  async revert(backupRef: string): Promise<RevertResult> {
    const entry = [...this.entries.values()].find((e) => e.extras.backups.some((b) => b.ref === backupRef));
    const backup = entry?.extras.backups.find((b) => b.ref === backupRef);
    if (!entry || !backup) throw new RpcFailure('not_found', `No merge queue lists the backup ${backupRef}; refresh and try again.`);
    const result = await this.run(entry, () => revertMove(entry.spec.repoDir, backupRef, backup));
    if (!result.ok) {
      entry.lastAction = this.note('revert', false, result.error?.message ?? 'revert refused', result.branch, result.conflictFiles);
      await this.refreshEntry(entry.spec.id);
      throw new RpcFailure(result.error?.code === 'conflict' ? 'conflict' : 'refused', result.error?.message ?? 'revert refused');
    }
    if (result.branch === entry.spec.base) await this.recordUndo(entry, backupRef, backup.reason, result.revertSha, 'revert');
    entry.lastAction = this.note('revert', true, `'${result.branch}': new commit ${result.revertSha?.slice(0, 10) ?? '?'} reverts ${result.revertedSha?.slice(0, 10) ?? '?'} (${backup.reason}); later commits kept`, result.branch);
    await this.refreshEntry(entry.spec.id);
    return result;
  }

  /** Undoing a merge: the Merge Log says so, and the merged branch's registry row is Done again. */
  private async recordUndo(entry: Entry, backupRef: string, reason: string, restoredSha: string | null, how: 'undo' | 'revert' = 'undo'): Promise<void> {
    const merged = /^(?:merge|squash|rebase) (\S+) into /.exec(reason)?.[1] ?? null;
    const planned = merged ? entry.spec.branches.find((b) => b.branch === merged) : undefined;
    const key = planned ? this.registryKey(entry, planned) : null;
    await writePlanEdit(entry.spec.planPath, (text) => {
      const line = how === 'undo' ? undoLogLine({ at: this.now().toISOString(), branch: entry.spec.base, restoredSha, backupRef }) : revertLogLine({ at: this.now().toISOString(), branch: entry.spec.base, revertSha: restoredSha, reason });
      let next = appendLogEdit(MERGE_LOG_HEADING, [line])(text);
      if (key) {
        const row = parsePlan(next, entry.spec.planPath).sessionRegistry.find((r) => r.sessionName === key || r.issue?.id === key);
        if (row && /^\s*merged/i.test(row.status ?? '')) next = setSessionRegistryStatus(next, key, 'Done');
      }
      return next;
    }).catch(() => undefined);
  }

  async removeWorktree(queueId: string, branch: string): Promise<RemoveWorktreeResult> {
    const entry = this.entry(queueId);
    const result = await this.run(entry, async () => {
      const facts = entry.queue.state.facts.find((f) => f.branch === branch);
      if (!facts) throw new RpcFailure('not_found', `'${branch}' is not in this queue.`);
      const worktreePath = facts.worktreePath ?? recordOfBranch(Object.values(this.options.store.current.sessions), branch, entry.spec.repoDir)?.worktree?.path ?? null;
      return removeWorktree({ repoDir: entry.spec.repoDir, worktreePath: worktreePath ?? '', branch, base: entry.spec.base });
    });
    entry.lastAction = this.note('remove', result.ok, result.message, branch);
    await this.refreshEntry(queueId);
    if (!result.ok) throw new RpcFailure('refused', `Not removed: ${result.reasons.join('; ') || result.message}.`);
    return result;
  }

  async flagSemanticConflict(queueId: string, branches: readonly string[], note: string): Promise<MergeQueueView> {
    const entry = this.entry(queueId);
    const unknown = branches.filter((b) => !entry.spec.branches.some((p) => p.branch === b));
    if (unknown.length > 0) throw new RpcFailure('bad_request', `Not in this queue: ${unknown.join(', ')}.`);
    if (new Set(branches).size < 2) throw new RpcFailure('bad_request', 'A semantic conflict is between two (or more) different branches.');
    const approaches: Record<string, string> = {};
    for (const b of branches) approaches[b] = await approachOf(entry.spec.repoDir, entry.spec.base, b);
    const at = this.now().toISOString();
    await this.writeHolds(entry, appendLogEdit(SEMANTIC_HEADING, holdLines({ at, branches, note, approaches })));
    entry.lastAction = this.note('semantic', true, `Held: semantic conflict between ${branches.join(' and ')} noted in the plan file`, null);
    this.publish(queueId);
    return this.view(queueId);
  }

  /**
   * §3 Cross-session: "Human arbitration required. Flag in Linear, halt affected sessions until
   * resolved." One comment on the master plan issue naming both sessions and the files, the hold in
   * the plan file (`## Cross-Session Conflicts`), and both sessions' merges refused until resolved.
   */
  async flagCrossSessionConflict(queueId: string, branches: readonly string[], note: string): Promise<MergeQueueView> {
    const entry = this.entry(queueId);
    const unknown = branches.filter((b) => !entry.spec.branches.some((p) => p.branch === b));
    if (unknown.length > 0) throw new RpcFailure('bad_request', `Not in this queue: ${unknown.join(', ')}.`);
    if (branches.length !== 2 || branches[0] === branches[1]) throw new RpcFailure('bad_request', 'A cross-session conflict is between two different sessions.');
    const [a = '', b = ''] = branches;
    const id = crossHoldIdOf(branches);
    if (entry.holds.some((h) => h.id === id)) throw new RpcFailure('refused', `${a} and ${b} are already held by cross-session conflict ${id}; resolve it first.`);
    const cell = entry.extras.preview?.cells.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a));
    const changed = entry.extras.changedFiles;
    const files = cell?.conflicts && cell.files.length > 0 ? [...cell.files] : (changed[a] ?? []).filter((f) => (changed[b] ?? []).includes(f));
    const rows = this.view(queueId).rows;
    const sessions: Record<string, string> = {};
    for (const br of branches) {
      const r = rows.find((x) => x.branch === br);
      sessions[br] = [r?.sessionName ?? r?.label ?? br, r?.issueId].filter(Boolean).join(' / ');
    }
    const comment = await this.postMasterComment(entry, crossSessionComment({ planTitle: entry.planTitle, branches, sessions, files, note, id }));
    const at = this.now().toISOString();
    await this.writeHolds(entry, appendLogEdit(CROSS_SESSION_HEADING, crossSessionHoldLines({ at, branches, sessions, files, note, comment })));
    const plainComment = comment.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
    entry.lastAction = this.note('semantic', true, `Held: merges of ${sessions[a]} and ${sessions[b]} wait (cross-session conflict in the plan file); ${plainComment}`, null);
    this.publish(queueId);
    return this.view(queueId);
  }

  /** A comment on the master plan issue; its outcome in words for the plan (never throws). */
  private async postMasterComment(entry: Entry, body: string): Promise<string> {
    const master = entry.masterIssueId;
    if (!master) return 'comment not posted (the plan has no **Parent issue:** line naming the master issue)';
    const ref = entry.masterIssueRef ?? master;
    const linear = this.options.linear?.() ?? null;
    if (!linear?.commentOnIssue) return `comment not posted on ${ref} (Linear not connected)`;
    try {
      const posted = await linear.commentOnIssue(master, body);
      return `comment posted on ${ref} (${posted.url})`;
    } catch (error) {
      const unavailable = error instanceof RpcFailure && error.code === 'unavailable';
      return `comment not posted on ${ref} (${unavailable ? 'Linear not connected' : error instanceof Error ? error.message : String(error)})`;
    }
  }

  async resolveSemanticConflict(queueId: string, holdId: string, decision: string): Promise<MergeQueueView> {
    const entry = this.entry(queueId);
    const hold = entry.holds.find((h) => h.id === holdId);
    if (!hold) throw new RpcFailure('not_found', `No open semantic or cross-session conflict ${holdId} in this queue.`);
    const heading = hold.kind === 'cross-session' ? CROSS_SESSION_HEADING : SEMANTIC_HEADING;
    await this.writeHolds(entry, appendLogEdit(heading, [resolveLine({ at: this.now().toISOString(), id: holdId, decision })]));
    if (hold.kind === 'cross-session' && hold.comment?.startsWith('comment posted')) {
      await this.postMasterComment(entry, `**Cross-session conflict resolved** — ${hold.branches.map((b) => `\`${b}\``).join(' and ')}: ${decision}\n\nTheir merges are released.`);
    }
    entry.lastAction = this.note('semantic', true, `${hold.kind === 'cross-session' ? 'Cross-session' : 'Semantic'} conflict resolved: ${decision}`, null);
    this.publish(queueId);
    return this.view(queueId);
  }

  private async writeHolds(entry: Entry, edit: (text: string) => string): Promise<void> {
    const result = await writePlanEdit(entry.spec.planPath, edit);
    if (result.status === 'conflict') throw new RpcFailure('conflict', `The plan file was not updated: ${result.reason ?? 'it kept changing'}.`);
    // The holds live in the file: read them back from what was written (the plans service catches up later).
    entry.holds = activeHolds(parsePlan(result.text, entry.spec.planPath).semanticConflicts);
  }

  /** Test seam and handler helper: the queue ids now known. */
  queueIds(): string[] {
    return [...this.entries.keys()];
  }
}
