import type { Settings } from '../../../shared/domain/settings';
import type { ClaudeHomeSource } from '../config/resolvePaths';

/** Where this instance looks: resolved once from flags, env and defaults; settings add to it. */
export interface WorkspaceConfig {
  claudeHome: string;
  claudeHomeSource: ClaudeHomeSource;
  dataDir: string;
  demo: boolean;
  /** From command-line flags; added to the saved settings' lists, never written into them. */
  flagWorktreeRoots: string[];
  flagPlanFolders: string[];
  flagRepos: string[];
  linearApiUrl: string | null;
}

export interface EffectiveRoots {
  claudeHome: string;
  worktreeRoots: string[];
  planFolders: string[];
  repos: string[];
}

export function effectiveRoots(config: WorkspaceConfig, settings: Settings): EffectiveRoots {
  const unique = (list: string[]) => [...new Set(list)];
  return {
    claudeHome: config.claudeHome,
    worktreeRoots: unique([...settings.worktreeRoots, ...config.flagWorktreeRoots]),
    planFolders: unique([...settings.planFolders, ...config.flagPlanFolders]),
    repos: unique([...settings.repos, ...config.flagRepos]),
  };
}
