import { join } from 'node:path';

export type ClaudeHomeSource = 'flag' | 'env' | 'default' | 'demo';

export interface PathInputs {
  flagClaudeHome: string | null;
  flagDataDir: string | null;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
}

/** Claude home: --claude-home, else CLAUDE_CONFIG_DIR, else ~/.claude (formats.md §1). Never hard-codes ~. */
export function resolveClaudeHome(inputs: PathInputs): { path: string; source: ClaudeHomeSource } {
  if (inputs.flagClaudeHome) return { path: inputs.flagClaudeHome, source: 'flag' };
  const fromEnv = inputs.env.CLAUDE_CONFIG_DIR;
  if (fromEnv && fromEnv.trim() !== '') return { path: fromEnv, source: 'env' };
  return { path: join(inputs.homedir, '.claude'), source: 'default' };
}

/** The app's data folder when Electron's userData is not at hand (serve mode). */
export function resolveDataDir(inputs: PathInputs): string {
  if (inputs.flagDataDir) return inputs.flagDataDir;
  if (inputs.env.SWITCHYARD_DATA_DIR) return inputs.env.SWITCHYARD_DATA_DIR;
  switch (inputs.platform) {
    case 'darwin':
      return join(inputs.homedir, 'Library', 'Application Support', 'Switchyard');
    case 'win32':
      return join(inputs.env.APPDATA ?? join(inputs.homedir, 'AppData', 'Roaming'), 'Switchyard');
    default:
      return join(inputs.env.XDG_CONFIG_HOME || join(inputs.homedir, '.config'), 'switchyard');
  }
}
