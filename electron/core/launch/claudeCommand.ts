import type { LaunchMode } from '../../../shared/domain/dispatch';
import { shellQuote } from '../dispatch/launchCommand';

/**
 * The Claude Code CLI line a launch runs. Flags as Claude Code's CLI reference documents them:
 * `--permission-mode <default|acceptEdits|plan|bypassPermissions|…>`, `--settings <file or JSON>`
 * (merged over the user's settings; the user's ~/.claude/settings.json is never touched), and the
 * initial prompt as the one positional argument (`claude "query"` starts the REPL with that prompt).
 */

/** Rule book launch modes → `--permission-mode` values. */
export const PERMISSION_MODE: Readonly<Record<LaunchMode, string>> = {
  'Plan mode': 'plan',
  'Ask permissions': 'default',
  'Bypass permissions': 'bypassPermissions',
};

export function permissionModeFor(launchAs: LaunchMode | null): string {
  return launchAs ? PERMISSION_MODE[launchAs] : 'default';
}

export interface ClaudeArgsInput {
  permissionMode: string;
  settingsPath: string;
  prompt: string;
}

/** argv after `claude` (no shell involved: the prompt is passed as one argument). */
export function claudeArgs(input: ClaudeArgsInput): string[] {
  const args = ['--permission-mode', input.permissionMode, '--settings', input.settingsPath];
  // `--` keeps a prompt that starts with `-` from being read as a flag.
  if (input.prompt.trim() !== '') args.push('--', input.prompt);
  return args;
}

/** The same command as one shell line, for "Open in my terminal" and the launch record. */
export function claudeCommandLine(cwd: string, input: ClaudeArgsInput, promptFile: string | null): string {
  const flags = `--permission-mode ${input.permissionMode} --settings ${shellQuote(input.settingsPath)}`;
  const prompt = input.prompt.trim() === '' ? '' : promptFile ? ` -- "$(cat ${shellQuote(promptFile)})"` : ` -- ${shellQuote(input.prompt)}`;
  return `cd ${shellQuote(cwd)} && claude ${flags}${prompt}`;
}
