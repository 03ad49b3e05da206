import { watch, type FSWatcher } from 'chokidar';
import { coalesced } from '../../async/coalesced';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { userInfo } from 'node:os';
import { RpcFailure } from '../../../../shared/contract/rpcResult';
import type { SubIssueRow } from '../../../../shared/domain/linear';
import type { ApprovalResult, DispatchEditsInput, MovedPrompts, DispatchEvaluation, DispatchState, PlanSummary, SufficiencyAnswers, SufficiencyState } from '../../../../shared/domain/planState';
import type { PlanContext, PlanIssuePhase, PlanSessionRow, SessionRecord } from '../../../../shared/domain/session';
import { planIssuePhases } from '../planIssuePhases';
import { isFinished, mergeGuidance } from '../../dispatch';
import type { StateStore } from '../../state/stateStore';
import { discoverPlans, planFolders, type DiscoveredPlan, type PlanFolderInput } from '../discoverPlans';
import { readPlanFile, writePlanFileSafely, type PlanEdit, type PlanFileSnapshot, type SafeWriteResult } from '../planFile';
import { parsePlan } from '../parsePlan';
import { appendToSection, setSessionRegistryStatus, upsertSessionRegistryRows, type SessionRegistryUpsert } from '../planWriter';
import { indexPlan } from '../planIndex';
import { postSessionRecordLine, preDispatchRecordLine, reviewRecordHeading } from '../reviewGates';
import { resolvePlanSessions, type PlanSessions } from '../planSessions';
import { renamePlanFile } from '../renamePlan';
import { placeholderName } from '../../launch/registryRow';
import { linkUnlinkedIssueIds } from '../unlinkedIssueIds';
import { readDispatchFilePrompts } from '../dispatchFilePrompts';
import { fibonacciEstimate } from '../../dispatch/fibonacciEstimate';
import { batchStates } from './batchStates';
import { approvalEdit, oneLine, rejectionEdit } from './dispatchRecord';
import { batchesOf, dispatchBasis, evaluateDispatch, violationConcernsBatch, type DispatchBasis, type EvaluateOptions } from './evaluateDispatch';
import { planRepository } from './planRepository';
import type { LinearSink } from './linearSink';
import { planSummary, unreadableSummary } from './planSummary';
import { registryWantsFor } from './registryWants';
import { registryWriteBackEdit } from './registryWriteBack';
import { reviewGateState } from './reviewGateState';
import { conflictAlreadyFlagged, conflictCommentBody, sessionSummaryEdit, summaryLines, type ConflictCommentNote, type SessionExitFacts } from '../sessionExit';
import { exitFactsOf, summarySection } from './sessionExitFacts';
import { followUpBatchFull, followUpTracks, planFollowUpTrack } from './followUpTrack';
import { parseSufficiency, setSufficiencyEdit } from './sufficiencySection';

export interface PlansServiceOptions {
  store: StateStore;
  folders: () => PlanFolderInput;
  /** Receives Session Registry rows and dispatch estimates for the live session registry. */
  onPlanContext(part: Pick<PlanContext, 'rows' | 'estimates' | 'issuePhases'>): void;
  /** The Linear service, when configured. */
  linear?: () => LinearSink | null;
  warn(messages: { message: string; subject: string }[]): void;
  log?: (message: string) => void;
  /** Extra shared-infrastructure path patterns from Settings. */
  infraPatterns?: () => readonly string[];
  /** Settings → cost profile: the §4 "> $10" default for plans without a `Cost profile:` line. */
  costProfile?: () => string | null;
  debounceMs?: number;
  writeBackDelayMs?: number;
  /** Who approves (os user name by default). */
  whoAmI?: () => string;
  now?: () => Date;
}

interface Loaded {
  found: DiscoveredPlan;
  snapshot: PlanFileSnapshot | null;
  summary: PlanSummary;
  basis: DispatchBasis | null;
}

/**
 * Discovers, watches and parses plan files; mirrors `plans` and `dispatch` into the state store;
 * feeds the session registry; writes Session Registry status back; approves and rejects batches.
 * A malformed or unreadable plan becomes diagnostics, never an exception out of here.
 */
export class PlansService {
  private readonly loaded = new Map<string, Loaded>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writeBackTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly refreshRun = coalesced(() => this.refreshOnce(), () => this.stopped);
  private stopped = false;
  /** Hashes this service produced itself, new → previous: our own writes are not the person's edits. */
  private readonly selfWrites = new Map<string, string>();
  private writeBackWarnings = new Map<string, string>();
  private lastSessionsJson = '';
  private masters: string[] = [];
  private linearSent: { sink: LinearSink; key: string } | null = null;

  constructor(private readonly options: PlansServiceOptions) {}

  async start(): Promise<void> {
    await this.refresh();
    const folders = planFolders(this.options.folders()).map((f) => f.path).filter((p) => existsSync(p));
    if (folders.length > 0 && !this.stopped) {
      this.watcher = watch(folders, {
        ignoreInitial: true,
        depth: 1,
        ignored: (path: string) => basename(path).startsWith('.') || basename(path) === 'node_modules',
      });
      const watcher = this.watcher;
      watcher.on('all', () => this.schedule());
      watcher.on('error', (error) => this.options.log?.(`plan watcher: ${String(error)}`));
      // A file written right after start must not slip between the scan and the watch.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        watcher.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    // Session status changes reach the plan's Session Registry (debounced, only real changes).
    this.unsubscribe = this.options.store.subscribe((patch) => {
      if (patch.ops.some((op) => op.path[0] === 'sessions')) this.scheduleWriteBack();
    });
    this.scheduleWriteBack();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.writeBackTimer) clearTimeout(this.writeBackTimer);
    this.unsubscribe?.();
    await this.watcher?.close();
    this.watcher = null;
    await this.refreshRun.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.options.debounceMs ?? 120);
  }

  /** Re-discovers and re-reads what changed; overlapping calls collapse into one more round. */
  refresh(): Promise<void> {
    return this.refreshRun.run();
  }

  private async refreshOnce(): Promise<void> {
    const input = this.options.folders();
    const repos = input.repos ?? [];
    const found = await discoverPlans(input);
    const seen = new Set<string>();
    for (const f of found) {
      seen.add(f.path);
      const before = this.loaded.get(f.path);
      if (before?.snapshot && before.found.mtimeMs === f.mtimeMs && before.found.size === f.size) continue;
      this.loaded.set(f.path, await this.load(f, repos));
    }
    for (const path of [...this.loaded.keys()]) if (!seen.has(path)) this.loaded.delete(path);
    if (!this.stopped) this.publish();
  }

  private async load(found: DiscoveredPlan, repos: readonly string[]): Promise<Loaded> {
    try {
      const snapshot = await readPlanFile(found.path);
      const basis = snapshot.parsed.phases.length > 0 ? dispatchBasis(snapshot.parsed, snapshot.text, repos, this.basisOptions(snapshot)) : null;
      return { found, snapshot, summary: planSummary(found, snapshot, repos), basis };
    } catch (error) {
      return { found, snapshot: null, summary: unreadableSummary(found, error instanceof Error ? error.message : String(error)), basis: null };
    }
  }

  /** What the engine needs beyond the file: Settings' patterns, the repository of the plan's worktrees, where worktrees go. */
  private basisOptions(snapshot: PlanFileSnapshot, sessions?: PlanSessions): EvaluateOptions {
    const input = this.options.folders();
    const records: SessionRecord[] = Object.values(this.options.store.current.sessions);
    return {
      extraInfraPatterns: this.options.infraPatterns?.() ?? [],
      costProfile: this.options.costProfile?.() ?? null,
      repoPath: planRepository(snapshot.parsed, records, input.repos ?? [], sessions),
      worktreeRoot: input.claudeHome ? join(input.claudeHome, 'worktrees') : null,
    };
  }

  /** Settings' patterns or cost profile changed: every plan is judged again with them (files are not re-read). */
  rulesChanged(): void {
    if (this.stopped) return;
    for (const [path, l] of this.loaded) {
      if (!l.snapshot || !l.basis) continue;
      this.loaded.set(path, { ...l, basis: dispatchBasis(l.snapshot.parsed, l.snapshot.text, this.options.folders().repos ?? [], this.basisOptions(l.snapshot, l.basis.sessions)) });
    }
    this.publish();
  }

  /** Sessions appeared or moved: a plan whose repository was unknown may know it now. */
  private refreshRepoHints(): void {
    let changed = false;
    for (const [path, l] of this.loaded) {
      if (!l.snapshot || !l.basis) continue;
      const options = this.basisOptions(l.snapshot, l.basis.sessions);
      if ((options.repoPath ?? null) === (l.basis.options?.repoPath ?? null)) continue;
      this.loaded.set(path, { ...l, basis: dispatchBasis(l.snapshot.parsed, l.snapshot.text, this.options.folders().repos ?? [], options) });
      changed = true;
    }
    if (changed) this.publish();
  }

  private publish(): void {
    const plans: Record<string, PlanSummary> = {};
    const dispatch: Record<string, DispatchState> = {};
    const rows: PlanSessionRow[] = [];
    const estimates: Record<string, number> = {};
    const issuePhases: PlanIssuePhase[] = [];
    const masters = new Set<string>();
    for (const [path, l] of this.loaded) {
      plans[path] = l.summary;
      if (l.summary.masterIssue) masters.add(l.summary.masterIssue.id);
      if (!l.snapshot) continue;
      issuePhases.push(...planIssuePhases(l.snapshot.parsed, path, l.basis?.sessions));
      for (const r of l.snapshot.parsed.sessionRegistry) {
        rows.push({ planPath: path, sessionName: r.sessionName, issueId: r.issue?.id ?? null, phase: r.phase || null, agent: r.agent || null, branch: r.branch, worktree: r.worktree, status: r.status });
      }
      for (const t of l.snapshot.parsed.dispatchTables) for (const r of t.rows) if (r.issue && r.estCostUsd !== null) estimates[r.issue.id] = r.estCostUsd;
      if (l.basis) dispatch[path] = this.dispatchState(l.snapshot, l.basis);
    }
    this.options.store.replaceCollection('plans', plans);
    this.options.store.replaceCollection('dispatch', dispatch);
    this.options.onPlanContext({ rows, estimates, issuePhases });
    this.masters = [...masters].sort();
    this.syncLinear();
  }

  /** Hands master issue ids to the Linear service once it exists (it may start after us). */
  private syncLinear(): void {
    const sink = this.options.linear?.() ?? null;
    if (!sink) return;
    const key = this.masters.join(',');
    if (sink === this.linearSent?.sink && key === this.linearSent.key) return;
    sink.setMasterIssues([...this.masters]);
    this.linearSent = { sink, key };
  }

  private dispatchState(snapshot: PlanFileSnapshot, basis: DispatchBasis): DispatchState {
    const evaluation = evaluateDispatch(basis);
    const { shape, sufficiency } = basis.research;
    const problems = snapshot.parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    return {
      ...evaluation,
      planPath: snapshot.path,
      contentHash: snapshot.hash,
      masterIssue: snapshot.parsed.header.parentIssue,
      repoPath: basis.master.repoPath,
      decisions: basis.draft.decisions,
      batches: batchesOf(evaluation.rows, basis.facts),
      batchStates: batchStates(snapshot.parsed, batchesOf(evaluation.rows, basis.facts)),
      approvals: snapshot.parsed.approvals,
      research:
        shape.tracks.length > 0
          ? { tracks: shape.tracks, sufficiency, synthesis: shape.synthesis, followUps: followUpTracks(basis.facts, sufficiency.gapList), unfinished: unfinishedTracks(basis.facts, shape.tracks), followUpBatchFull: followUpBatchFull(basis.facts, batchesOf(evaluation.rows, basis.facts)) }
          : null,
      problems,
      mergeOrderRecord: mergeOrderRecordOf(basis, evaluation.rows),
      review: basis.reviewGates ? reviewGateState(basis.reviewGates, evaluation.rows) : null,
      registryStatus: registryStatusOf(basis, evaluation.rows),
    };
  }

  plan(path: string): Loaded {
    const l = this.loaded.get(path);
    if (!l) throw new RpcFailure('not_found', `No plan file ${path} is known (it may have been moved or renamed).`);
    return l;
  }

  /** Recomputes violations, prompts and launch commands for the person's edits (nothing written). */
  evaluate(path: string, edits: DispatchEditsInput): DispatchEvaluation {
    const l = this.plan(path);
    if (!l.basis) throw new RpcFailure('refused', `${l.found.fileName} has no Phase Map rows: there is nothing to dispatch.`);
    return evaluateDispatch(l.basis, edits);
  }

  /**
   * Remembers a write of this service's own (also one re-applied on top of a newer file): a page
   * that decided on the text before it is still deciding on the same text as far as the person is
   * concerned. Bytes someone else wrote meanwhile break the chain (editedFrom null).
   */
  private noteOwnWrite(result: SafeWriteResult): void {
    if ((result.status === 'written' || result.status === 'reapplied') && result.editedFrom) this.selfWrites.set(result.hash, result.editedFrom);
  }

  /** Was `current` reached from `expected` through this service's own writes only? */
  private sameAsLoaded(expected: string, current: string): boolean {
    let hash: string | undefined = current;
    for (let i = 0; hash !== undefined && i < 50; i++) {
      if (hash === expected) return true;
      hash = this.selfWrites.get(hash);
    }
    return false;
  }

  /** Writes an edit; refuses when the person decided on a file that has changed since (their edits stay with them). */
  private async writeChecked(path: string, expectedHash: string, edit: PlanEdit): Promise<string> {
    const current = await readPlanFile(path).catch(() => null);
    if (!current) throw new RpcFailure('not_found', `The plan file ${path} cannot be read any more.`);
    if (!this.sameAsLoaded(expectedHash, current.hash)) {
      throw new RpcFailure('conflict', 'The plan changed on disk since you loaded it. Reload to see the change, or keep editing and approve again.');
    }
    const result = await writePlanFileSafely(path, current.hash, edit);
    if (result.status === 'conflict') throw new RpcFailure('conflict', `Nothing was written: ${result.reason ?? 'the file kept changing'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return result.hash;
  }

  async approve(input: { planPath: string; expectedHash: string; batch: number; edits: DispatchEditsInput; overrideReason?: string | null | undefined }): Promise<ApprovalResult> {
    const l = this.plan(input.planPath);
    if (!l.basis || !l.snapshot) throw new RpcFailure('refused', `${l.found.fileName} has no phases to dispatch.`);
    const evaluation = evaluateDispatch(l.basis, input.edits);
    const rows = evaluation.rows.filter((r) => r.batch === input.batch);
    if (rows.length === 0) throw new RpcFailure('not_found', `The plan has no batch ${input.batch}.`);
    const errors = evaluation.violations.filter((v) => v.severity === 'error' && violationConcernsBatch(v, input.batch, evaluation.rows));
    const reason = oneLine(input.overrideReason ?? '');
    if (errors.length > 0 && reason === '') {
      throw new RpcFailure('refused', `Batch ${input.batch} breaks ${errors.length} rule(s): ${errors.map((v) => v.message).join(' ')} Fix them, or write an override reason (kept in the plan file).`);
    }
    const at = (this.options.now?.() ?? new Date()).toISOString();
    const by = this.options.whoAmI?.() ?? safeUserName();
    const orderChanged = (input.edits.mergeOrder ?? null) !== null && input.edits.mergeOrder?.length !== 0;
    const hash = await this.writeChecked(
      input.planPath,
      input.expectedHash,
      approvalEdit({ batch: input.batch, rows, edits: input.edits.rows ?? {}, orderChanged, repoPath: l.basis.master.repoPath, at, by, overrideReason: errors.length > 0 ? reason : reason || null, overridden: errors }),
    );
    const sessions = rows.map((r) => ({
      session: r.session,
      phase: r.phase,
      issueId: r.issueId,
      prompt: evaluation.prompts[r.session]?.text ?? '',
      launchCommand: evaluation.launchCommands[r.session] ?? null,
      launchHint:
        r.worktree === 'n/a'
          ? `${r.agent} works in its own sandbox: Delegate it in the Launch panel (its Linear sub-issue goes to ${r.agent}), or hand it the prompt.`
          : r.worktree === 'yes'
            ? 'Run it in the repo, or open a terminal in the new worktree and start claude there.'
            : 'Run it in the repo (a solo session, no worktree).',
      mergeHint: mergeGuidance(r).action,
    }));
    const linear = await this.createSubIssues(input.planPath, hash, l, rows.map((r) => {
      const sub = l.basis?.draft.subIssues[r.session];
      return {
        rowKey: r.session,
        batch: r.session,
        focus: r.focus || r.phase,
        prompt: evaluation.prompts[r.session]?.text ?? '',
        typeLabel: sub?.labels.find((x) => x.startsWith('type:')) ?? (r.analysisOnly ? 'type:spike' : 'type:chore'),
        execLabel: r.mode ? `exec:${r.mode}` : null,
        estimate: sub?.estimate ?? null,
        assigneeId: null,
        // §4 Assignee: the Agent cell as the plan writes it (an edit in the view wins; `human` or empty → nobody).
        agent: agentCellOf(r, input.edits.rows?.[r.session]),
      };
    }));
    return { batch: input.batch, approvedAt: at, by, planHash: hash, sessions, linear };
  }

  private async createSubIssues(planPath: string, planHash: string, l: Loaded, rows: SubIssueRow[]): Promise<ApprovalResult['linear']> {
    const sink = this.options.linear?.() ?? null;
    const master = l.summary.masterIssue?.id ?? null;
    if (!sink) return { status: 'not-configured', message: 'Linear is not set up: no sub-issues were created. Copy the prompts below instead.' };
    if (!master) return { status: 'failed', message: 'The plan has no **Parent issue:** line, so there is no master issue to create sub-issues under.' };
    // Progress arrives through state (linearCreations); wait only long enough to hear an immediate
    // refusal (not connected), so the person is told at once instead of seeing nothing happen.
    const running = sink.createSubIssues({ planPath, planHash, masterIssueId: master, rows }).then(
      () => null,
      (error: unknown) => error,
    );
    const early = await Promise.race([running, new Promise<null>((resolve) => setTimeout(() => resolve(null), 150))]);
    if (early instanceof RpcFailure && early.code === 'unavailable') return { status: 'not-configured', message: early.message };
    if (early) return { status: 'failed', message: early instanceof Error ? early.message : String(early) };
    return { status: 'started', message: `Creating ${rows.length} sub-issue(s) under ${master}.` };
  }

  async reject(input: { planPath: string; batch: number; reason: string }): Promise<{ planHash: string }> {
    const l = this.plan(input.planPath);
    if (!l.snapshot) throw new RpcFailure('not_found', `${l.found.fileName} cannot be read.`);
    if (oneLine(input.reason) === '') throw new RpcFailure('bad_request', 'Write why the batch is rejected.');
    const at = (this.options.now?.() ?? new Date()).toISOString();
    const by = this.options.whoAmI?.() ?? safeUserName();
    // A rejection only appends a log line: the file's other changes cannot be lost, so no hash check.
    const result = await writePlanFileSafely(input.planPath, l.snapshot.hash, rejectionEdit({ batch: input.batch, at, by, reason: input.reason }));
    if (result.status === 'conflict') throw new RpcFailure('conflict', `Nothing was written: ${result.reason ?? 'conflict'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return { planHash: result.hash };
  }

  /** Writes the checklist answers line by line: the person's notes in the section stay as written. */
  async setSufficiency(input: { planPath: string; answers: SufficiencyAnswers }): Promise<SufficiencyState> {
    const l = this.plan(input.planPath);
    if (!l.snapshot) throw new RpcFailure('not_found', `${l.found.fileName} cannot be read.`);
    const result = await writePlanFileSafely(input.planPath, l.snapshot.hash, setSufficiencyEdit(input.answers));
    if (result.status === 'conflict') throw new RpcFailure('conflict', `Nothing was written: ${result.reason ?? 'conflict'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return parseSufficiency(result.text);
  }

  /** §1 INSUFFICIENT: a targeted follow-up research track for one named gap, appended to the Phase Map before the synthesis. */
  async addFollowUpTrack(input: { planPath: string; gap: string; issue?: string | null | undefined; justification?: string | null | undefined }): Promise<{ phase: string; batch: number; newBatch: boolean; planHash: string }> {
    const l = this.plan(input.planPath);
    if (!l.snapshot || !l.basis) throw new RpcFailure('not_found', `${l.found.fileName} has no phases.`);
    const state = this.dispatchState(l.snapshot, l.basis);
    const at = (this.options.now?.() ?? new Date()).toISOString();
    const by = this.options.whoAmI?.() ?? safeUserName();
    const plan = planFollowUpTrack({ text: l.snapshot.text, at, by, gap: input.gap, issue: input.issue ?? null, linkBase: l.summary.linkBase, justification: input.justification ?? null, facts: l.basis.facts, shape: l.basis.research.shape, batches: state.batches, batchStates: state.batchStates });
    if (!plan.ok) throw new RpcFailure('refused', plan.reason);
    const result = await writePlanFileSafely(input.planPath, l.snapshot.hash, plan.edit);
    if (result.status === 'conflict') throw new RpcFailure('conflict', `Nothing was written: ${result.reason ?? 'conflict'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return { phase: plan.phase, batch: plan.batch, newBatch: plan.newBatch, planHash: result.hash };
  }

  async rename(input: { path: string; newFileName?: string | undefined }): Promise<{ newPath: string; updatedFiles: string[] }> {
    const l = this.plan(input.path);
    const target = input.newFileName ?? l.summary.naming.suggestedName;
    if (!target) throw new RpcFailure('refused', `${l.found.fileName} already follows the naming convention.`);
    const result = await renamePlanFile(input.path, target);
    if (result.status === 'refused') {
      const why = { 'target-exists': `${target} already exists in that folder`, 'same-name': 'the name is unchanged', 'invalid-name': `${target} is not a valid plan file name`, 'source-missing': 'the file is gone' }[result.reason];
      throw new RpcFailure('refused', `Not renamed: ${why}.`);
    }
    await this.refresh();
    return { newPath: result.newPath, updatedFiles: result.updatedFiles };
  }

  async linkIssueIds(input: { path: string; expectedHash: string }): Promise<{ linked: number; planHash: string }> {
    const l = this.plan(input.path);
    const base = l.summary.linkBase;
    if (!base) throw new RpcFailure('refused', 'The plan has no linked issue to learn the Linear workspace from; link one issue by hand first.');
    let linked = 0;
    const hash = await this.writeChecked(input.path, input.expectedHash, (text) => {
      const out = linkUnlinkedIssueIds(text, base);
      linked = out.linked.length;
      return out.text;
    });
    return { linked, planHash: hash };
  }

  /**
   * §8.5 "all new dispatch prompts must be Linear sub-issues": each prompt of a deprecated local
   * dispatch file becomes a sub-issue under the master plan issue. Idempotent (the row marker: a
   * second click finds what the first made). The file is only read — kept for history, byte for byte.
   */
  async moveDispatchPrompts(input: { path: string; masterIssueId?: string | undefined }): Promise<MovedPrompts> {
    const l = this.plan(input.path);
    if (!l.summary.diagnostics.some((d) => d.code === 'deprecated-dispatch-file')) {
      throw new RpcFailure('refused', `${l.found.fileName} is not a local dispatch file (batch*-dispatch-prompts.md, multi-agent-dispatch-prompts.md, linear-mastery-*-prompts.md).`);
    }
    const current = await readPlanFile(input.path).catch(() => null);
    if (!current) throw new RpcFailure('not_found', `${l.found.fileName} cannot be read.`);
    const read = readDispatchFilePrompts(current.text, l.found.fileName);
    if (read.prompts.length === 0) {
      throw new RpcFailure('refused', `${l.found.fileName} holds no dispatch prompt (a \`## …\` section or fenced block with Execution mode / Tasks / Deliverable lines): nothing to move.`);
    }
    const master = input.masterIssueId?.toUpperCase() ?? read.masterIssueId;
    if (!master) throw new RpcFailure('refused', `${l.found.fileName} names no master plan issue: choose the issue to create the sub-issues under.`);
    const sink = this.options.linear?.() ?? null;
    if (!sink) throw new RpcFailure('unavailable', 'Linear is not set up: add an API key in Settings → Linear, then move the prompts.');
    const results = await sink.createSubIssues({
      planPath: input.path,
      // Stable for the file (not its content hash): a second click, even after an edit, finds the same sub-issues.
      planHash: `dispatch-file:${l.found.fileName}`,
      masterIssueId: master,
      rows: read.prompts.map((p) => ({
        rowKey: p.key,
        batch: p.key,
        focus: p.focus,
        title: p.title,
        prompt: p.prompt,
        typeLabel: p.mode === 'spike' ? 'type:spike' : 'type:chore',
        execLabel: p.mode ? `exec:${p.mode}` : null,
        estimate: fibonacciEstimate(p.estCostUsd),
        assigneeId: null,
        agent: p.agent ?? '',
      })),
    });
    return {
      masterIssueId: master,
      prompts: read.prompts.map((p) => {
        const r = results.find((x) => x.rowKey === p.key);
        return { key: p.key, title: p.title, status: r?.status ?? 'pending', identifier: r?.identifier ?? null, error: r?.error ?? null };
      }),
      skipped: read.skipped.map((s) => s.heading),
    };
  }

  /** §8: "update its status in the session registry to Failed with a brief reason"; or record the review of its output. */
  async markSessionFailed(input: { planPath: string; session: string; reason: string; reviewed?: boolean | undefined }): Promise<{ planHash: string; status: string }> {
    const l = this.plan(input.planPath);
    if (!l.snapshot) throw new RpcFailure('not_found', `${l.found.fileName} cannot be read.`);
    const reason = oneLine(input.reason);
    if (reason === '') throw new RpcFailure('bad_request', input.reviewed ? 'Write what the review found.' : 'Write a brief reason why the session failed.');
    const status = input.reviewed ? `Failed — reviewed: ${reason}` : `Failed — ${reason}`;
    const edit = failedStatusEdit(input.session, status);
    if (edit(l.snapshot.text) === null) throw new RpcFailure('not_found', `${l.found.fileName} names no session "${input.session}".`);
    const result = await writePlanFileSafely(input.planPath, l.snapshot.hash, (text) => edit(text) ?? text);
    if (result.status === 'conflict') throw new RpcFailure('conflict', `Nothing was written: ${result.reason ?? 'conflict'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return { planHash: result.hash, status };
  }

  /**
   * §3: records that the pre-dispatch review passed Gate 2 (or waives it with a written reason), or
   * that a session's post-session review passed. One line appended to the plan's review section;
   * every other byte stays.
   */
  async recordReview(input: { planPath: string; timing: 'pre-dispatch' | 'post-session'; outcome: 'passed' | 'waived'; note: string; session?: string | undefined }): Promise<{ planHash: string; line: string }> {
    const l = this.plan(input.planPath);
    if (!l.snapshot) throw new RpcFailure('not_found', `${l.found.fileName} cannot be read.`);
    const note = oneLine(input.note);
    if (input.outcome === 'waived' && note === '') throw new RpcFailure('bad_request', 'Write why the review gate may be waived (kept in the plan file).');
    if (input.timing === 'post-session' && input.outcome === 'waived') throw new RpcFailure('bad_request', 'A post-session review is recorded as passed; merge out of order with a reason to go without it.');
    const session = oneLine(input.session ?? '');
    if (input.timing === 'post-session' && session === '') throw new RpcFailure('bad_request', 'Name the session whose post-session review passed.');
    const at = (this.options.now?.() ?? new Date()).toISOString();
    const by = this.options.whoAmI?.() ?? safeUserName();
    const line = input.timing === 'pre-dispatch' ? preDispatchRecordLine({ at, by, outcome: input.outcome, note }) : postSessionRecordLine({ at, by, session, note });
    // Appending a line cannot lose the person's other edits: re-applied to the file as it is now.
    const result = await writePlanFileSafely(input.planPath, l.snapshot.hash, (text) => appendToSection(text, reviewRecordHeading(indexPlan(text)), line));
    if (result.status === 'conflict') throw new RpcFailure('conflict', `Nothing was written: ${result.reason ?? 'conflict'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return { planHash: result.hash, line };
  }

  /**
   * Writes one Session Registry row for a session another service started or handed off (a delegated
   * external agent): the row of that name (the one approval wrote) gets these cells, nothing else in
   * the file changes. Returns the name written under.
   */
  async recordRegistryRow(planPath: string, row: SessionRegistryUpsert & { issueId: string }): Promise<{ planHash: string; sessionName: string }> {
    const current = await readPlanFile(planPath).catch(() => null);
    if (!current) throw new RpcFailure('not_found', `The plan file ${planPath} cannot be read.`);
    const name = placeholderName(current.parsed, row.issueId, row.sessionName);
    const existing = current.parsed.sessionRegistry.find((r) => r.sessionName.trim().toLowerCase() === name.toLowerCase());
    // A row the plan has keeps the person's cells; only those that say what happened now change.
    const { issueId: _issueId, ...fields } = row;
    const upsert: SessionRegistryUpsert = existing
      ? { sessionName: name, ...(fields.status ? { status: fields.status } : {}), ...(fields.branch ? { branch: fields.branch } : {}), ...(fields.worktree && fields.worktree !== existing.worktree ? { worktree: fields.worktree } : {}) }
      : { ...fields, sessionName: name };
    const result = await writePlanFileSafely(planPath, current.hash, (text) => upsertSessionRegistryRows(text, [upsert]));
    if (result.status === 'conflict') throw new RpcFailure('conflict', `The Session Registry row was not written: ${result.reason ?? 'the plan kept changing'}.`);
    this.noteOwnWrite(result);
    await this.refresh();
    return { planHash: result.hash, sessionName: name };
  }

  private scheduleWriteBack(): void {
    if (this.stopped) return;
    if (this.writeBackTimer) clearTimeout(this.writeBackTimer);
    this.writeBackTimer = setTimeout(() => void this.writeBack(), this.options.writeBackDelayMs ?? 400);
  }

  /** Session Registry write-back: only plans whose sessions' statuses differ from their rows are touched. */
  async writeBack(): Promise<void> {
    if (this.stopped) return;
    this.syncLinear();
    // Debounced with the write-back: sessions that appeared may tell a plan its repository.
    this.refreshRepoHints();
    const records: SessionRecord[] = Object.values(this.options.store.current.sessions);
    const json = JSON.stringify(records.map((r) => [r.id, r.planPath, r.status, r.name, r.claudeName ?? null]));
    if (json === this.lastSessionsJson) {
      await this.sessionExits(records);
      return;
    }
    this.lastSessionsJson = json;
    let wrote = false;
    for (const [path, l] of this.loaded) {
      if (!l.snapshot) continue;
      const wants = registryWantsFor(l.snapshot, records);
      if (wants.length === 0) continue;
      const edit = registryWriteBackEdit(path, wants);
      if (edit(l.snapshot.text) === l.snapshot.text) continue;
      const result = await writePlanFileSafely(path, l.snapshot.hash, edit);
      if (result.status === 'conflict') {
        this.writeBackWarnings.set(path, `Session Registry of ${l.found.fileName} not updated: ${result.reason ?? 'the file kept changing'}.`);
      } else {
        this.writeBackWarnings.delete(path);
        this.noteOwnWrite(result);
        if (result.status !== 'unchanged') wrote = true;
      }
    }
    this.options.warn([...this.writeBackWarnings].map(([subject, message]) => ({ subject, message })));
    if (wrote) await this.refresh();
    await this.sessionExits(records);
  }

  /** Sessions whose exit is being written now: two write-back rounds never post the same comment. */
  private readonly exiting = new Set<string>();

  /**
   * §8 Session Exit for every session of a plan that is Done (or already Merged): its summary in the
   * plan once, and one comment on the master plan issue when the conflict matrix predicts a conflict
   * with another session. Linear not connected: the summary says the comment was not posted.
   */
  async sessionExits(records: readonly SessionRecord[] = Object.values(this.options.store.current.sessions)): Promise<void> {
    let wrote = false;
    for (const [path, l] of this.loaded) {
      if (!l.snapshot || this.stopped) continue;
      for (const r of records) {
        // A main checkout is the repository itself, not a session of the plan (it has no branch of its own to summarise).
        if (r.planPath !== path || r.unmatched || r.worktree?.isMain || (r.status !== 'done' && r.status !== 'merged')) continue;
        const facts = exitFactsOf(r, l.snapshot, Object.values(this.options.store.current.merge));
        const key = `${path}\0${facts.issueId ?? facts.session}`;
        if (this.exiting.has(key)) continue;
        const current = this.loaded.get(path)?.snapshot ?? l.snapshot;
        const section = summarySection(current.text, current.parsed.sections, facts);
        const existing = section?.text ?? null;
        const needsComment = facts.conflicts.length > 0 && (existing === null || !/\*\*Conflict flagged:\*\* comment posted on/.test(existing));
        if (existing !== null && !(needsComment && this.linearComments() !== null)) continue;
        this.exiting.add(key);
        try {
          const note = needsComment ? await this.flagExitConflict(facts, current.parsed.header.parentIssue, l.found.fileName, existing) : null;
          const edit: PlanEdit =
            existing === null
              ? sessionSummaryEdit(facts, note, (text) => parsePlan(text, path).sections)
              : note?.status === 'posted'
                ? (text) => appendToSection(text, `${'#'.repeat(section?.depth ?? 3)} ${section?.heading ?? ''}`, summaryLines({ ...facts, conflicts: [] }, note).slice(-1))
                : (text) => text;
          const result = await writePlanFileSafely(path, current.hash, edit);
          this.noteOwnWrite(result);
          if (result.status === 'written') wrote = true;
          if (result.status === 'conflict') this.options.log?.(`session summary of ${facts.session} not written: ${result.reason ?? 'conflict'}`);
        } finally {
          this.exiting.delete(key);
        }
      }
    }
    if (wrote) await this.refresh();
  }

  private linearComments(): Required<Pick<LinearSink, 'commentOnIssue' | 'issueCommentBodies'>> | null {
    const sink = this.options.linear?.() ?? null;
    if (!sink?.commentOnIssue || !sink.issueCommentBodies) return null;
    return { commentOnIssue: sink.commentOnIssue.bind(sink), issueCommentBodies: sink.issueCommentBodies.bind(sink) };
  }

  /** One comment on the master plan issue naming the other sessions and the files (never twice). */
  private async flagExitConflict(facts: SessionExitFacts, parent: { id: string; url: string | null } | null, planName: string, existing: string | null): Promise<ConflictCommentNote> {
    const master = parent?.id ?? null;
    const issueUrl = parent?.url ?? null;
    if (!master) return { status: 'not-posted', issueId: null, reason: 'the plan has no **Parent issue:** line naming the master issue' };
    const linear = this.linearComments();
    if (!linear) return { status: 'not-posted', issueId: master, reason: 'Linear not connected' };
    try {
      const bodies = await linear.issueCommentBodies(master);
      if (conflictAlreadyFlagged(existing, bodies, facts)) return { status: 'posted', issueId: master, issueUrl, url: 'posted earlier' };
      const posted = await linear.commentOnIssue(master, conflictCommentBody(facts, planName));
      return { status: 'posted', issueId: master, issueUrl, url: posted.url };
    } catch (error) {
      const unavailable = error instanceof RpcFailure && error.code === 'unavailable';
      return { status: 'not-posted', issueId: master, reason: unavailable ? 'Linear not connected' : `Linear: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

/** Each row's Session Registry Status cell, found the way every view finds a session (label, then issue). */
function registryStatusOf(basis: DispatchBasis, rows: DispatchState['rows']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const s = basis.sessions.find(r.session) ?? (r.issueId ? basis.sessions.find(r.issueId) : null);
    const status = s?.registryRow?.status?.trim();
    if (status) out[r.session] = status;
  }
  return out;
}

/** Research tracks whose sessions are not Done or Merged (the Session Registry says), in plan order. */
function unfinishedTracks(facts: DispatchBasis['facts'], tracks: readonly string[]): string[] {
  return facts.filter((f) => tracks.includes(f.phase) && !isFinished(f.status)).map((f) => f.phase);
}

/** The sessions (as the table names them) whose merge place the plan declares, and where. */
function mergeOrderRecordOf(basis: DispatchBasis, rows: DispatchState['rows']): DispatchState['mergeOrderRecord'] {
  const order = basis.sessions.mergeOrder;
  const declared = order.declaredKeys
    .map((k) => basis.sessions.sessions.find((s) => s.key === k))
    .map((s) => rows.find((r) => (s?.label && r.session === s.label) || (!r.recorded && s?.phase && r.phase === s.phase))?.session)
    .filter((x): x is string => !!x);
  return { declared, sources: order.sources.map((d) => ({ line: d.line, text: d.text })), unmatched: order.unmatched };
}

/**
 * The registry status edit for one session of the plan, found the way every view finds it
 * (`planSessions`): its registry row's Status cell, or a new row when it has none. Null when the
 * plan names no such session.
 */
function failedStatusEdit(session: string, status: string): (text: string) => string | null {
  return (text) => {
    const s = resolvePlanSessions(parsePlan(text, 'plan.md')).find(session);
    if (!s) return null;
    const row = s.registryRow;
    if (row) return setSessionRegistryStatus(text, row.sessionName && !/^\(.*\)$/.test(row.sessionName) ? row.sessionName : (row.issue?.id ?? row.sessionName), status);
    return upsertSessionRegistryRows(text, [
      {
        sessionName: s.sessionName ?? s.label ?? s.key,
        issue: s.issueId ? { id: s.issueId, url: s.dispatchRow?.issue?.url ?? null, title: null, linked: (s.dispatchRow?.issue?.url ?? null) !== null } : null,
        phase: s.phase ?? '',
        agent: s.dispatchRow?.agent ?? 'Claude Code',
        worktree: s.dispatchRow?.worktree ?? '',
        branch: s.branch ?? '',
        status,
      },
    ]);
  };
}

/** The Agent cell a row's sub-issue is assigned from: the person's edit, the recorded cell as written, else what approval writes. */
function agentCellOf(row: DispatchState['rows'][number], edit: { agent?: string | undefined } | undefined): string {
  if (edit?.agent !== undefined) return edit.agent;
  if (row.recorded) return row.written?.agent ?? '';
  return row.agent;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
