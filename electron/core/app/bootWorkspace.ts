import type { CliArgs } from '../config/parseCliArgs';
import { resolveClaudeHome, resolveDataDir } from '../config/resolvePaths';
import { createDemoWorkspace } from '../demo/createDemoWorkspace';
import type { WorkspaceConfig } from './workspaceConfig';

export interface BootInputs {
  args: CliArgs;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
  /** Electron passes app.getPath('userData'); serve mode resolves its own. */
  dataDirOverride?: string;
}

/** Turns flags + environment into the workspace to open; with --demo, generates the demo first. */
export async function bootWorkspace(inputs: BootInputs): Promise<{ config: WorkspaceConfig; demoRoot: string | null }> {
  const pathInputs = {
    flagClaudeHome: inputs.args.claudeHome,
    flagDataDir: inputs.args.dataDir ?? inputs.dataDirOverride ?? null,
    env: inputs.env,
    homedir: inputs.homedir,
    platform: inputs.platform,
  };
  const base = {
    flagWorktreeRoots: inputs.args.worktreeRoots,
    flagPlanFolders: inputs.args.planFolders,
    flagRepos: inputs.args.repos,
    linearApiUrl: inputs.args.linearApiUrl,
  };
  if (inputs.args.demo) {
    const demo = await createDemoWorkspace();
    return {
      config: {
        ...base,
        claudeHome: demo.claudeHome,
        claudeHomeSource: 'demo',
        dataDir: demo.dataDir,
        demo: true,
        flagRepos: [...base.flagRepos, demo.repoPath],
      },
      demoRoot: demo.root,
    };
  }
  const claudeHome = resolveClaudeHome(pathInputs);
  return {
    config: { ...base, claudeHome: claudeHome.path, claudeHomeSource: claudeHome.source, dataDir: resolveDataDir(pathInputs), demo: false },
    demoRoot: null,
  };
}
