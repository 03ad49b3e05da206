import { join } from 'node:path';

export interface ClaudeHomeInputs {
  /** `--claude-home` from the command line or settings. */
  flag?: string | null;
  env: Record<string, string | undefined>;
  homedir: string;
}

export type ClaudeHomeSource = 'flag' | 'env' | 'default';

/** Where Claude Code's home is, and which input decided it (for Settings to explain). */
export function resolveClaudeHomeWithSource(inputs: ClaudeHomeInputs): { path: string; source: ClaudeHomeSource } {
  const flag = inputs.flag?.trim();
  if (flag) return { path: flag, source: 'flag' };
  const env = inputs.env['CLAUDE_CONFIG_DIR']?.trim();
  if (env) return { path: env, source: 'env' };
  return { path: join(inputs.homedir, '.claude'), source: 'default' };
}

/** flag, else $CLAUDE_CONFIG_DIR, else `<homedir>/.claude`. Pure: the caller passes env and homedir. */
export function resolveClaudeHome(inputs: ClaudeHomeInputs): string {
  return resolveClaudeHomeWithSource(inputs).path;
}
