import { join } from 'node:path';
import { unreadableLinesWarnings } from '../sessions/claude/unreadableLines';
import type { PushedEvent } from '../../../shared/contract/events';
import { RpcFailure } from '../../../shared/contract/rpcResult';
import type { Toast } from '../../../shared/domain/appMeta';
import type { PlanContext } from '../../../shared/domain/session';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import type { SecretStore } from '../linear/linearKeyStore';
import type { LinearService } from '../linear/service/linearService';
import { startWorkspaceLinear, type WorkspaceLinear } from '../linear/service/workspaceLinear';
import { LaunchService } from '../launch/launchService';
import { DelegateService } from '../launch/delegateService';
import { loadMergePreferences } from '../merge/service/mergePreferences';
import { MergeService } from '../merge/service/mergeService';
import { PlansService } from '../plans/service/plansService';
import { createClaudeSource } from '../sessions/registry/createClaudeSource';
import { SessionRegistry } from '../sessions/registry/sessionRegistry';
import type { StateStore } from '../state/stateStore';
import type { Logger } from './platformActions';
import { WarningBoard } from './warningBoard';
import { effectiveRoots, type WorkspaceConfig } from './workspaceConfig';

export interface RuntimeHooks {
  toast(toast: Omit<Toast, 'id' | 'at'>): void;
  /** Where the Linear key lives (the demo workspace uses its own in-memory key instead). */
  secretStore: SecretStore;
  /** Saves a settings change as the Settings view would (the Linear team picker, the demo's endpoint). */
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** Pushes an event to every client (launched sessions' terminal output). */
  emit?(event: PushedEvent): void;
  /** Terminal I/O of launched sessions over the transport; false with --no-terminal. Default true. */
  terminal?: boolean;
}

const STATUS_WORDS: Record<string, string> = { waiting: 'is waiting for you', done: 'is done', failed: 'failed' };

/**
 * Everything that runs for one workspace (one Claude home + its roots). Switching to the demo
 * workspace stops one runtime and starts another on the same store.
 */
export class WorkspaceRuntime {
  private registry: SessionRegistry | null = null;
  private readonly warnings: WarningBoard;
  private stopped = false;
  private planContext: PlanContext = { rows: [], estimates: {} };
  private readonly startedIssues = new Set<string>();
  private plansService: PlansService | null = null;
  private linearService: WorkspaceLinear | null = null;
  private mergeService: MergeService | null = null; // --- merge service ---
  private launchService: LaunchService | null = null; // --- launch service ---
  private delegateService: DelegateService | null = null; // --- delegate (external agents) ---

  constructor(
    private readonly config: WorkspaceConfig,
    private settings: Settings,
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly hooks: RuntimeHooks,
  ) {
    this.warnings = new WarningBoard(store);
  }

  async start(): Promise<void> {
    // --- launch service: start (first: it only needs the store, the rest is read lazily) ---
    this.startLaunch();
    await this.startRegistry();
    // --- plans service: start (plans/dispatch integration) ---
    await this.startPlans();
    // --- linear service: start (Linear integration) ---
    this.linearService = await startWorkspaceLinear({
      config: this.config,
      settings: () => this.settings,
      store: this.store,
      logger: this.logger,
      secretStore: this.hooks.secretStore,
      updatePlanContext: (part) => this.updatePlanContext(part),
      updateSettings: (patch) => this.hooks.updateSettings(patch),
    });
    if (this.stopped) await this.linearService.stop();
    // Sessions already working before Linear was up still get their "started" write-back.
    for (const record of Object.values(this.store.current.sessions)) this.noteSessionStarted(record);
    // --- merge service: start (after plans and sessions, whose state it reads) ---
    if (!this.stopped) await this.startMerge();
  }

  // --- launch service ---
  private startLaunch(): void {
    this.store.replaceCollection('launches', {});
    this.launchService = new LaunchService({
      store: this.store,
      claudeHome: this.config.claudeHome,
      claudeHomeSource: this.config.claudeHomeSource,
      dataDir: this.config.dataDir,
      terminal: this.hooks.terminal ?? true,
      emit: (event) => this.hooks.emit?.(event),
      linear: () => this.linear,
      nudgeSessions: (what) => void (what === 'topology' ? this.registry?.refreshTopology() : this.registry?.refreshClaude()),
      expectLaunch: (path) => this.registry?.expectLaunch(path),
      log: (message) => this.logger.info(message),
    });
    this.delegateService = new DelegateService({
      store: this.store,
      // Read lazily: Linear and plans start after this.
      linear: () => this.linear,
      recordRegistryRow: (planPath, row) => {
        const plans = this.plansService;
        if (!plans) throw new RpcFailure('unavailable', 'Plans are still loading; try again.');
        return plans.recordRegistryRow(planPath, row);
      },
      log: (message) => this.logger.info(message),
    });
  }

  /** Hands approved external-agent rows to their agents in Linear (null until started, or after stop). */
  get delegation(): DelegateService | null {
    return this.delegateService;
  }

  /** The launch service (null until started, or after stop). */
  get launch(): LaunchService | null {
    return this.launchService;
  }

  // --- merge service ---
  private async startMerge(): Promise<void> {
    const merge = new MergeService({
      store: this.store,
      preferences: await loadMergePreferences(join(this.config.dataDir, 'merge-preferences.json'), (message) => this.logger.warn(message)),
      // Read lazily: the Linear service may be absent or restarted.
      linear: () => this.linear,
      toast: (toast) => this.hooks.toast(toast),
      warn: (messages) => this.warnings.replace('merge', messages),
      log: (message) => this.logger.info(message),
    });
    this.mergeService = merge;
    this.store.replaceCollection('merge', {});
    await merge.start();
  }

  /** The merge service (null until started, or after stop). */
  get merge(): MergeService | null {
    return this.mergeService;
  }

  /**
   * The registry's plan context has two writers: the plans service (registry rows, estimates) and
   * the Linear service (issue states). Each updates its part; the registry sees the merge.
   */
  updatePlanContext(part: Partial<PlanContext>): void {
    this.planContext = { ...this.planContext, ...part };
    this.registry?.setPlanContext(this.planContext);
  }

  async updateSettings(settings: Settings): Promise<void> {
    const rules = (s: Settings) => JSON.stringify([s.sharedInfrastructurePatterns, s.costProfile]);
    const before = { roots: effectiveRoots(this.config, this.settings), rules: rules(this.settings) };
    this.settings = settings;
    await this.linearService?.service.updateSettings(settings); // linear service: settings
    const after = { roots: effectiveRoots(this.config, settings), rules: rules(settings) };
    if (JSON.stringify(before.roots) !== JSON.stringify(after.roots)) {
      await this.registry?.stop();
      await this.startRegistry();
      await this.plansService?.stop(); // plans service: new plan folders
      await this.startPlans();
    } else if (before.rules !== after.rules) {
      this.plansService?.rulesChanged(); // plans service: the dispatch rules' settings
    }
  }

  async rescan(): Promise<number> {
    await this.registry?.refreshTopology();
    await this.registry?.refreshClaude();
    return this.registry?.snapshot().length ?? 0;
  }

  get sessions(): SessionRegistry | null {
    return this.registry;
  }

  /** The Linear service (null until started, or after stop). */
  get linear(): LinearService | null {
    return this.linearService?.service ?? null;
  }

  /**
   * Linear write-back "session started → In Progress": once per issue per run, when its session is
   * first seen working (the service itself does nothing unless that setting is on).
   */
  private noteSessionStarted(record: { issueId: string | null; status: string }): void {
    const linear = this.linear;
    if (!linear || !record.issueId || record.status !== 'working' || this.startedIssues.has(record.issueId)) return;
    this.startedIssues.add(record.issueId);
    void linear.sessionStarted(record.issueId).catch((error: unknown) => this.logger.warn(`Linear write-back failed: ${String(error)}`));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // --- launch service: stop ---
    const launch = this.launchService;
    this.launchService = null;
    this.delegateService = null;
    await launch?.stop();
    // --- merge service: stop ---
    const merge = this.mergeService;
    this.mergeService = null;
    await merge?.stop();
    // --- plans service: stop ---
    const plans = this.plansService;
    this.plansService = null;
    await plans?.stop();
    // --- linear service: stop ---
    const linear = this.linearService;
    this.linearService = null;
    await linear?.stop();
    await this.registry?.stop();
    this.registry = null;
  }

  /** The plans service (null until started, or after stop). */
  get plans(): PlansService | null {
    return this.plansService;
  }

  private async startPlans(): Promise<void> {
    const plans = new PlansService({
      store: this.store,
      folders: () => {
        const roots = effectiveRoots(this.config, this.settings);
        return { claudeHome: roots.claudeHome, repos: roots.repos, folders: roots.planFolders };
      },
      onPlanContext: (part) => this.updatePlanContext(part),
      infraPatterns: () => this.settings.sharedInfrastructurePatterns,
      costProfile: () => this.settings.costProfile,
      // Read lazily: the Linear service starts after the plans service and may be absent.
      linear: () => this.linear,
      warn: (messages) => this.warnings.replace('plans', messages),
      log: (message) => this.logger.info(message),
    });
    this.plansService = plans;
    await plans.start();
  }

  private async startRegistry(): Promise<void> {
    const roots = effectiveRoots(this.config, this.settings);
    const registry = new SessionRegistry({
      claudeHome: roots.claudeHome,
      repos: roots.repos,
      extraRoots: roots.worktreeRoots,
      claude: createClaudeSource(roots.claudeHome),
    });
    this.registry = registry;
    this.store.replaceCollection('sessions', {});
    registry.on('change', ({ records, removedIds }) => {
      if (this.stopped || this.registry !== registry) return;
      for (const id of removedIds) this.store.remove('sessions', id);
      for (const record of records) {
        this.store.upsert('sessions', record.id, record);
        this.noteSessionStarted(record);
      }
      // Unreadable transcript lines reach the status bar too, not only the session's row.
      this.warnings.replace('transcripts', unreadableLinesWarnings(Object.values(this.store.current.sessions)));
    });
    registry.on('notify', (event) => {
      if (this.stopped || !this.settings.notifications) return;
      this.hooks.toast({
        level: event.to === 'failed' ? 'error' : event.to === 'done' ? 'success' : 'warning',
        title: `${event.name} ${STATUS_WORDS[event.to] ?? event.to}`,
        body: event.reason,
        subject: event.id,
      });
    });
    registry.on('warning', () => this.warnings.replace('sessions', registry.warnings().map((message) => ({ message }))));
    registry.setPlanContext(this.planContext);
    await registry.start();
    this.warnings.replace('sessions', registry.warnings().map((message) => ({ message })));
    this.logger.info(`tracking ${registry.snapshot().length} sessions`);
  }
}
