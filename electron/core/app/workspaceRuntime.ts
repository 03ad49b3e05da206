import type { AppWarning } from '../../../shared/domain/appMeta';
import type { Settings } from '../../../shared/domain/settings';
import type { WorktreeListItem } from '../../../shared/state/appState';
import { discoverWorktrees } from '../sessions/worktrees/discoverWorktrees';
import type { StateStore } from '../state/stateStore';
import type { Logger } from './platformActions';
import { effectiveRoots, type WorkspaceConfig } from './workspaceConfig';

/**
 * Everything that runs for one workspace (one Claude home + its roots). Switching to the demo
 * workspace stops one runtime and starts another on the same store.
 */
export class WorkspaceRuntime {
  private stopped = false;

  constructor(
    private readonly config: WorkspaceConfig,
    private settings: Settings,
    private readonly store: StateStore,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.rescan();
  }

  async updateSettings(settings: Settings): Promise<void> {
    this.settings = settings;
    await this.rescan();
  }

  async rescan(): Promise<number> {
    const roots = effectiveRoots(this.config, this.settings);
    const result = await discoverWorktrees({ claudeHome: roots.claudeHome, repos: roots.repos, extraRoots: roots.worktreeRoots });
    if (this.stopped) return 0;
    const items: Record<string, WorktreeListItem> = {};
    for (const wt of result.worktrees) {
      items[wt.id] = { id: wt.id, path: wt.path, repoRoot: wt.repoRoot, branch: wt.branch, head: wt.head, source: wt.source.join(', ') };
    }
    this.store.replaceCollection('worktrees', items);
    const warnings: Record<string, AppWarning> = {};
    for (const w of result.warnings) {
      const id = `discovery:${w.path}`;
      warnings[id] = { id, severity: 'warning', source: 'worktrees', message: w.message, at: new Date().toISOString(), subject: w.path };
    }
    this.store.replaceCollection('warnings', warnings);
    this.logger.info(`found ${result.worktrees.length} worktrees in ${result.repos.length} repos`);
    return result.worktrees.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}
