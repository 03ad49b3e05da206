import { parseArgs } from 'node:util';

export interface CliArgs {
  demo: boolean;
  port: number | null;
  claudeHome: string | null;
  dataDir: string | null;
  worktreeRoots: string[];
  planFolders: string[];
  repos: string[];
  linearApiUrl: string | null;
  /** false with --no-terminal: launched sessions' terminals are not streamed to clients. */
  terminal: boolean;
  help: boolean;
}

export class CliArgsError extends Error {}

/** Parses the flags shared by `npm start` and `npm run serve`; unknown flags are an error, not ignored. */
export function parseCliArgs(argv: readonly string[], options: { lenient?: boolean } = {}): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      // Electron and Chromium add switches of their own (--no-sandbox, the app path): tolerate them there.
      allowPositionals: options.lenient ?? false,
      strict: !(options.lenient ?? false),
      options: {
        demo: { type: 'boolean', default: false },
        port: { type: 'string' },
        'claude-home': { type: 'string' },
        'data-dir': { type: 'string' },
        'worktree-root': { type: 'string', multiple: true },
        'plan-folder': { type: 'string', multiple: true },
        repo: { type: 'string', multiple: true },
        'linear-api-url': { type: 'string' },
        'no-terminal': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new CliArgsError(error instanceof Error ? error.message : String(error));
  }
  let port: number | null = null;
  if (typeof values.port === 'string') {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new CliArgsError(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
    }
  }
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    demo: values.demo === true,
    port,
    claudeHome: str(values['claude-home']),
    dataDir: str(values['data-dir']),
    worktreeRoots: list(values['worktree-root']),
    planFolders: list(values['plan-folder']),
    repos: list(values.repo),
    linearApiUrl: str(values['linear-api-url']),
    terminal: values['no-terminal'] !== true,
    help: values.help === true,
  };
}


export const CLI_USAGE = `Usage: npm run serve -- [options]   (npm start -- [options] takes the same)
  --demo                 open a generated demo workspace (in a fresh temp folder)
  --port N               serve mode port on 127.0.0.1 (default: a free port)
  --claude-home DIR      Claude Code's home (default: $CLAUDE_CONFIG_DIR, else ~/.claude)
  --data-dir DIR         where Switchyard keeps settings and caches
  --worktree-root DIR    another folder whose children are worktrees (repeatable)
  --plan-folder DIR      another folder with plan files (repeatable)
  --repo DIR             a repository to watch (repeatable)
  --linear-api-url URL   a Linear-compatible GraphQL endpoint (default: Linear's)
  --no-terminal          launched sessions still run, but their terminals are not streamed to the page`;
