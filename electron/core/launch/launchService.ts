import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PushedEvent } from '../../../shared/contract';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { DispatchRowDraft } from '../../../shared/domain/dispatch';
import { CLAUDE_INSTALL_HINT, launchKey, type ClaudeAvailability, type LaunchRecord } from '../../../shared/domain/launch';
import type { DispatchState } from '../../../shared/domain/planState';
import type { ClaudeHomeSource } from '../config/resolvePaths';
import { agentInfo } from '../dispatch/agents';
import { slugify } from '../dispatch/branchName';
import { readPlanFile, writePlanFileSafely, type PlanEdit } from '../plans/planFile';
import { overriddenRules } from '../plans/service/dispatchRecord';
import { violationConcernsBatch } from '../../../shared/domain/violationScope';
import type { StateStore } from '../state/stateStore';
import { claudeArgs, claudeCommandLine, permissionModeFor } from './claudeCommand';
import { claudeSessionName } from './claudeSessionName';
import { findClaude } from '../sessions/claude/findClaude';
import { HookEndpoint, type HookCall } from './hookEndpoint';
import { hookSettings } from './hookSettings';
import { launchTarget } from './launchTarget';
import { prepareWorktree, type PreparedWorktree } from './prepareWorktree';
import { PtySession } from './ptyHost';
import { launchedRowEdit, placeholderName, renamedRowEdit } from './registryRow';
import { copyWorktreeIncludes } from './worktreeInclude';

/** Rule book caps on sessions running at once: 3 implementation, 5 read-only research. */
const CAPS = { implementation: 3, research: 5 } as const;
const NAME_POLL_MS = 500;
const NAME_POLL_FOR_MS = 120_000;

export interface LaunchServiceOptions {
  store: StateStore;
  claudeHome: string;
  claudeHomeSource: ClaudeHomeSource;
  dataDir: string;
  /** Terminal I/O over the transport (off with --no-terminal: sessions still run in their PTY). */
  terminal: boolean;
  emit(event: PushedEvent): void;
  /** Linear write-back "session started → In Progress" (does nothing unless that setting is on). */
  linear(): { sessionStarted(issueId: string): Promise<unknown> } | null;
  /** Asks the session registry to look again now (new worktree, new live session file). */
  nudgeSessions(what: 'topology' | 'claude'): void;
  /** Tells the session registry claude was just started in this folder (its first live status shows at once). */
  expectLaunch?(worktreePath: string): void;
  log(message: string): void;
  /** Environment the CLI is found in and started with (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

interface Running {
  record: LaunchRecord;
  pty: PtySession | null;
  transcriptPath: string | null;
  releaseHook: () => void;
  namePoll: NodeJS.Timeout | null;
  flushTimer: NodeJS.Timeout | null;
  pending: string;
}

/**
 * Approved dispatch row → running, watched Claude Code session: worktree on its branch, the
 * `.worktreeinclude` files, a per-session hooks file, `claude` in a PTY this core owns, the Session
 * Registry row. Every refusal is decided before anything is created; a later failure undoes what
 * this launch made.
 */
export class LaunchService {
  private readonly hooks = new HookEndpoint();
  private readonly running = new Map<string, Running>();
  private readonly starting = new Set<string>();
  private stopped = false;

  constructor(private readonly options: LaunchServiceOptions) {}

  private get env(): Readonly<Record<string, string | undefined>> {
    return this.options.env ?? process.env;
  }

  async check(): Promise<ClaudeAvailability> {
    const path = await findClaude(this.env, this.env.HOME ?? this.env.USERPROFILE ?? homedir());
    return path
      ? { found: true, path, hint: null }
      : { found: false, path: null, hint: `Claude Code's CLI (claude) is not on PATH, nor in ~/.local/bin or ~/.claude/local. Install it with: ${CLAUDE_INSTALL_HINT}` };
  }

  /**
   * Launches every row of an approved batch in turn (rows this Switchyard already launched are left
   * as they are); stops at the first refusal and says why.
   */
  async startBatch(planPath: string, batch: number): Promise<{ launched: LaunchRecord[]; refused: { session: string; reason: string } | null }> {
    const dispatch = this.dispatchOf(planPath);
    const rows = dispatch.rows.filter((r) => r.batch === batch).sort((a, b) => a.session.localeCompare(b.session, 'en', { numeric: true }));
    if (rows.length === 0) throw new RpcFailure('not_found', `The plan has no batch ${batch}.`);
    const launched: LaunchRecord[] = [];
    for (const row of rows) {
      if (this.options.store.current.launches[launchKey(planPath, row.session)]) continue;
      try {
        launched.push(await this.start(planPath, row.session));
      } catch (error) {
        if (error instanceof RpcFailure && error.code !== 'internal') return { launched, refused: { session: row.session, reason: error.message } };
        throw error;
      }
    }
    return { launched, refused: null };
  }

  async start(planPath: string, session: string): Promise<LaunchRecord> {
    if (this.stopped) throw new RpcFailure('unavailable', 'Switchyard is switching workspaces; try again.');
    const id = launchKey(planPath, session);
    if (this.starting.has(id)) throw new RpcFailure('refused', `Session ${session} is being launched already.`);
    this.starting.add(id);
    try {
      return await this.startOnce(id, planPath, session);
    } finally {
      this.starting.delete(id);
    }
  }

  private dispatchOf(planPath: string): DispatchState {
    const dispatch = this.options.store.current.dispatch[planPath];
    if (!dispatch) throw new RpcFailure('not_found', `No dispatch table is known for ${planPath}.`);
    return dispatch;
  }

  /** Everything that says no, asked before anything is created. */
  private async refusals(id: string, dispatch: DispatchState, session: string): Promise<{ row: DispatchRowDraft; claude: string }> {
    const row = dispatch.rows.find((r) => r.session === session);
    if (!row) throw new RpcFailure('not_found', `The dispatch table has no session ${session}.`);
    const agent = agentInfo(row.agent);
    if (agent.external) throw new RpcFailure('refused', `${session} is for ${agent.label}, which works in its own sandbox: delegate it instead of launching it here.`);
    const state = dispatch.batchStates.find((b) => b.index === row.batch)?.state ?? 'draft';
    if (state !== 'approved') throw new RpcFailure('refused', `Batch ${row.batch} is ${state}, not approved: approve it in Dispatch before launching ${session}.`);
    const note = dispatch.batchStates.find((b) => b.index === row.batch)?.note ?? null;
    // §3 "All sessions block until review passes Gate 2" — unless this batch's approval overrode it with a reason.
    const review = dispatch.review?.batches.find((b) => b.batch === row.batch);
    if (review?.blocked && !overriddenRules(note).includes('review.pre-dispatch')) {
      throw new RpcFailure('refused', `${session} waits for the pre-dispatch review: ${review.message}`);
    }
    // §1 synthesis waits for SUFFICIENT: the assessment may have changed since the approval, which did not override it.
    const gate = dispatch.violations.find((v) => v.rule === 'research.sufficiency' && v.severity === 'error' && violationConcernsBatch(v, row.batch, dispatch.rows));
    if (gate && !overriddenRules(note).includes('research.sufficiency')) {
      throw new RpcFailure('refused', `${gate.message} Update the Research Sufficiency Assessment, or approve batch ${row.batch} again with an override reason, before launching ${session}.`);
    }
    const previous = this.options.store.current.launches[id];
    if (previous) throw new RpcFailure('refused', `${session} was already launched (${previous.worktreePath}, ${previous.phase}). Open it in Sessions.`);
    const kind = dispatch.batches.find((b) => b.index === row.batch)?.kind ?? 'implementation';
    const live = Object.values(this.options.store.current.launches).filter((l) => l.phase === 'running').length;
    if (live >= CAPS[kind]) {
      throw new RpcFailure('refused', `${live} launched sessions are running: the ${kind} cap is ${CAPS[kind]} at once. Let one finish first.`);
    }
    if (dispatch.repoPath === '') throw new RpcFailure('refused', 'The plan names no repository (a **Repo:** line), so there is nothing to launch in.');
    const check = await this.check();
    if (!check.path) throw new RpcFailure('unavailable', check.hint ?? 'claude is not on PATH.');
    return { row, claude: check.path };
  }

  private async startOnce(id: string, planPath: string, session: string): Promise<LaunchRecord> {
    const began = Date.now();
    const dispatch = this.dispatchOf(planPath);
    const { row, claude } = await this.refusals(id, dispatch, session);
    const plan = await readPlanFile(planPath).catch(() => null);
    if (!plan) throw new RpcFailure('not_found', `The plan file ${planPath} cannot be read.`);

    const repoPath = dispatch.repoPath;
    const target = launchTarget(row, repoPath, this.options.claudeHome);
    const inWorktree = row.worktree !== 'no';
    const prepared: PreparedWorktree | null = inWorktree ? await prepareWorktree({ repoPath, branch: target.branch, worktreePath: target.worktreePath }) : null;
    const preparedAt = Date.now();
    const cwd = prepared?.path ?? repoPath;
    // The registry reads the new worktree's git facts while the rest is set up.
    if (this.options.expectLaunch) this.options.expectLaunch(cwd);
    else this.options.nudgeSessions('topology');
    const sessionDir = join(this.options.dataDir, 'launches', `${slugify(session, 20) || 'row'}-${Date.now().toString(36)}`);
    let running: Running | null = null;
    try {
      const warnings = [...(prepared?.warnings ?? [])];
      const [copied] = await Promise.all([prepared ? copyWorktreeIncludes(repoPath, prepared.path) : Promise.resolve([]), this.hooks.start()]);
      const hook = this.hooks.register((call) => this.onHook(id, call));
      // The hooks file holds the token: private to this user.
      await mkdir(sessionDir, { recursive: true, mode: 0o700 });
      const settingsPath = join(sessionDir, 'settings.json');
      const promptPath = join(sessionDir, 'prompt.md');
      await writeFile(settingsPath, `${JSON.stringify(hookSettings(hook.url), null, 2)}\n`, { mode: 0o600 });
      await chmod(settingsPath, 0o600);
      const prompt = dispatch.prompts[session]?.text ?? '';
      await writeFile(promptPath, prompt, { mode: 0o600 });
      const argsInput = { permissionMode: permissionModeFor(row.launchAs), settingsPath, prompt };
      const name = placeholderName(plan.parsed, row.issueId, `${slugify(row.issueId, 64)}-${slugify(row.focus, 30)}`.replace(/^-|-$/g, '') || session);
      const record: LaunchRecord = {
        id,
        planPath,
        session,
        issueId: row.issueId,
        repoPath,
        worktreePath: cwd,
        branch: prepared?.branch ?? '',
        base: prepared?.base ?? '',
        command: claudeCommandLine(cwd, argsInput, promptPath),
        permissionMode: argsInput.permissionMode,
        sessionName: name,
        pid: null,
        phase: 'running',
        exitCode: null,
        startedAt: new Date().toISOString(),
        lastHook: null,
        terminal: this.options.terminal,
        warnings: copied.length > 0 ? [...warnings, `copied from .worktreeinclude: ${copied.join(', ')}`] : warnings,
      };
      running = { record, pty: null, transcriptPath: null, releaseHook: hook.release, namePoll: null, flushTimer: null, pending: '' };
      this.running.set(id, running);

      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.env)) if (v !== undefined) env[k] = v;
      env.TERM = 'xterm-256color';
      // A non-default Claude home (flag, demo) must be the one the session writes into, or we could not watch it.
      if (this.options.claudeHomeSource === 'flag' || this.options.claudeHomeSource === 'demo') env.CLAUDE_CONFIG_DIR = this.options.claudeHome;
      const pty = new PtySession({ file: claude, args: claudeArgs(argsInput), cwd, env });
      running.pty = pty;
      const spawnedAt = Date.now();
      record.pid = pty.pid;
      this.wireTerminal(running, pty);
      this.publish(running);

      const written = await writePlanFileSafely(planPath, plan.hash, launchedRowEdit(name, {
        issueId: row.issueId,
        issueUrl: row.issueUrl,
        phase: row.phase,
        agent: row.agent,
        worktree: row.worktree,
        branch: prepared?.branch ?? row.branch ?? '',
      }));
      if (written.status === 'conflict') throw new RpcFailure('conflict', `The Session Registry row could not be written: ${written.reason ?? 'the plan kept changing'}.`);

      if (row.issueId !== '') {
        void this.options.linear()?.sessionStarted(row.issueId).catch((error: unknown) => this.options.log(`Linear write-back failed: ${String(error)}`));
      }
      this.pollName(running);
      this.options.log(`launched ${session} in ${cwd} (pid ${pty.pid}): worktree ${preparedAt - began} ms, claude started at ${spawnedAt - began} ms, registry row at ${Date.now() - began} ms`);
      return { ...record };
    } catch (error) {
      if (running) {
        this.running.delete(id);
        running.releaseHook();
        if (running.namePoll) clearInterval(running.namePoll);
        await running.pty?.kill();
        this.options.store.remove('launches', id);
      }
      await rm(sessionDir, { recursive: true, force: true }).catch(() => undefined);
      await prepared?.rollback();
      this.options.nudgeSessions('topology');
      if (error instanceof RpcFailure) throw error;
      throw new RpcFailure('internal', `Launch of ${session} failed and was undone: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private publish(running: Running): void {
    if (this.stopped) return;
    this.options.store.upsert('launches', running.record.id, { ...running.record, warnings: [...running.record.warnings] });
  }

  private wireTerminal(running: Running, pty: PtySession): void {
    const id = running.record.id;
    pty.listen({
      data: (chunk) => {
        if (!this.options.terminal) return;
        // One frame per 16 ms at most: a busy TUI writes many tiny chunks.
        running.pending += chunk;
        running.flushTimer ??= setTimeout(() => {
          running.flushTimer = null;
          const data = running.pending;
          running.pending = '';
          if (data !== '') this.options.emit({ event: 'terminal.data', payload: { id, data, end: pty.printed } });
        }, 16);
      },
      exit: (code) => {
        if (running.flushTimer) {
          clearTimeout(running.flushTimer);
          running.flushTimer = null;
          if (running.pending !== '' && this.options.terminal) this.options.emit({ event: 'terminal.data', payload: { id, data: running.pending, end: pty.printed } });
          running.pending = '';
        }
        running.record.phase = code === 0 ? 'exited' : 'failed';
        running.record.exitCode = code;
        running.releaseHook();
        this.publish(running);
        if (this.options.terminal) this.options.emit({ event: 'terminal.exit', payload: { id, exitCode: code } });
        this.options.nudgeSessions('claude');
        void this.resolveName(running);
      },
    });
  }

  private onHook(id: string, call: HookCall): void {
    const running = this.running.get(id);
    if (!running) return;
    running.record.lastHook = call.notificationType ? `${call.event} (${call.notificationType})` : call.event;
    if (call.transcriptPath) running.transcriptPath = call.transcriptPath;
    this.publish(running);
    // A hook is the fastest news there is: have the registry read Claude's files now.
    this.options.nudgeSessions('claude');
    void this.resolveName(running);
  }

  private pollName(running: Running): void {
    const until = Date.now() + NAME_POLL_FOR_MS;
    running.namePoll = setInterval(() => {
      if (Date.now() > until || this.stopped) {
        if (running.namePoll) clearInterval(running.namePoll);
        running.namePoll = null;
        return;
      }
      void this.resolveName(running);
    }, NAME_POLL_MS);
  }

  private naming = new Set<string>();

  /** Replaces the placeholder registry name with Claude Code's own once its files give one. */
  private async resolveName(running: Running): Promise<void> {
    const { record } = running;
    if (this.naming.has(record.id) || this.stopped) return;
    this.naming.add(record.id);
    try {
      const name = (await claudeSessionName(this.options.claudeHome, record.pid, running.transcriptPath))?.trim();
      if (!name || name.toLowerCase() === record.sessionName.toLowerCase() || /[|\r\n]/.test(name)) return;
      const plan = await readPlanFile(record.planPath).catch(() => null);
      if (!plan) return;
      const edit: PlanEdit = renamedRowEdit(record.sessionName, name);
      const result = await writePlanFileSafely(record.planPath, plan.hash, edit);
      if (result.status === 'conflict') {
        this.options.log(`registry rename of ${record.sessionName} failed: ${result.reason ?? 'conflict'}`);
        return;
      }
      record.sessionName = name;
      if (running.namePoll) clearInterval(running.namePoll);
      running.namePoll = null;
      this.publish(running);
    } finally {
      this.naming.delete(record.id);
    }
  }

  private terminalOf(id: string): PtySession {
    if (!this.options.terminal) throw new RpcFailure('unavailable', 'Terminal I/O is switched off (--no-terminal). Use "Open in my terminal" with the command shown.');
    const pty = this.running.get(id)?.pty;
    if (!pty) throw new RpcFailure('not_found', 'No terminal for that session in this run of Switchyard.');
    return pty;
  }

  attach(id: string): { scrollback: string; end: number; cols: number; rows: number; running: boolean } {
    const pty = this.terminalOf(id);
    return { scrollback: pty.scrollback(), end: pty.printed, ...pty.dimensions, running: pty.running };
  }

  input(id: string, data: string): void {
    this.terminalOf(id).write(data);
  }

  resize(id: string, cols: number, rows: number): void {
    this.terminalOf(id).resize(cols, rows);
  }

  /** Ends every session this core started (their PTYs would die with the process anyway). */
  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.running.values()];
    this.running.clear();
    for (const r of all) {
      if (r.namePoll) clearInterval(r.namePoll);
      if (r.flushTimer) clearTimeout(r.flushTimer);
      r.releaseHook();
    }
    await Promise.all(all.map((r) => r.pty?.kill()));
    await this.hooks.stop();
  }
}
