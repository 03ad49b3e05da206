import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAgentsList, type ListedAgent } from './agentsList';
import { findClaude } from './findClaude';

export interface ClaudeAgentsCliOptions {
  claudeHome: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** How long one answer is used before the CLI is asked again (default 120 s: each run costs a Node start). */
  refreshMs?: number;
  /** After the CLI says it has no `agents` command (older versions), ask again only after this long. */
  unsupportedRetryMs?: number;
  now?: () => number;
}

/**
 * `claude agents --json` as one more source of live sessions, where the installed CLI offers it.
 * Never the only truth and never in the way: no CLI, an older CLI without the command, a slow or
 * failing run all answer null, and the registry files go on alone.
 */
export class ClaudeAgentsCli {
  private last: { at: number; agents: ListedAgent[] | null } | null = null;
  private inFlight: Promise<ListedAgent[] | null> | null = null;
  private unsupportedUntil = 0;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly now: () => number;

  constructor(private readonly options: ClaudeAgentsCliOptions) {
    this.env = options.env ?? process.env;
    this.now = options.now ?? Date.now;
  }

  /**
   * The last answer at once (null before the first), asking the CLI again in the background when it
   * is older than refreshMs; `onAnswer` hears each new answer. Never waits: a CLI start takes a
   * Node start, which must not stand between the person and the first registry.
   */
  peek(onAnswer: () => void): ListedAgent[] | null {
    const before = this.last;
    void this.list().then(() => {
      if (this.last !== before && JSON.stringify(this.last?.agents ?? null) !== JSON.stringify(before?.agents ?? null)) onAnswer();
    });
    return before?.agents ?? null;
  }

  /** The CLI's list (cached for refreshMs), or null when it cannot answer. */
  list(): Promise<ListedAgent[] | null> {
    const now = this.now();
    if (now < this.unsupportedUntil) return Promise.resolve(null);
    if (this.last && now - this.last.at < (this.options.refreshMs ?? 120_000)) return Promise.resolve(this.last.agents);
    this.inFlight ??= this.ask().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async ask(): Promise<ListedAgent[] | null> {
    const home = this.env.HOME ?? this.env.USERPROFILE ?? homedir();
    const claude = await findClaude(this.env, home);
    if (!claude) {
      this.last = { at: this.now(), agents: null };
      return null;
    }
    const env: Record<string, string | undefined> = { ...this.env };
    // The CLI reads the same home Switchyard watches; the default home needs no variable.
    if (!env.CLAUDE_CONFIG_DIR && resolve(this.options.claudeHome) !== resolve(join(home, '.claude'))) env.CLAUDE_CONFIG_DIR = this.options.claudeHome;
    const out = await new Promise<{ ok: boolean; stdout: string }>((done) => {
      execFile(claude, ['agents', '--json'], { env, timeout: 5_000, maxBuffer: 1024 * 1024, windowsHide: true }, (error, stdout) =>
        done({ ok: !error, stdout: String(stdout) }),
      );
    });
    if (!out.ok) {
      // An older CLI (no `agents` command) or a failing one: the files answer alone for a while.
      this.unsupportedUntil = this.now() + (this.options.unsupportedRetryMs ?? 30 * 60_000);
      this.last = null;
      return null;
    }
    const parsed = parseAgentsList(out.stdout);
    const agents = parsed.error ? null : parsed.agents;
    this.last = { at: this.now(), agents };
    return agents;
  }
}
