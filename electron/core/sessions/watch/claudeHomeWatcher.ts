import { join } from 'node:path';
import { DirectoryTreeWatcher } from './directoryTreeWatcher';

export interface ClaudeHomeWatcherOptions {
  claudeHome: string;
  /**
   * Something in `sessions/` or `projects/` changed; called at most once per `debounceMs` (default
   * 500 ms), because a working session appends to its transcript many times a second and each call
   * re-reads every session's state.
   */
  onChange(): void;
  onWarning(message: string): void;
  debounceMs?: number;
}

/**
 * Watches Claude Code's `sessions/` (live session files) and `projects/` (transcripts), so a
 * session's state shows as soon as it is written instead of on the next poll. Re-reading every
 * transcript every 2 s was most of the idle cost at 30 sessions (bench scenario 2).
 */
export class ClaudeHomeWatcher {
  private readonly trees: DirectoryTreeWatcher[];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: ClaudeHomeWatcherOptions) {
    this.trees = ['sessions', 'projects'].map(
      (name) =>
        new DirectoryTreeWatcher({
          root: join(options.claudeHome, name),
          ignore: () => false,
          onChange: () => this.changed(),
          // A folder that is not there yet is picked up by the periodic refresh; nothing to warn about.
          onRootGone: () => undefined,
          onWarning: (message) => {
            if (!message.includes('ENOENT')) options.onWarning(message);
          },
        }),
    );
  }

  async start(): Promise<void> {
    await Promise.all(this.trees.map((t) => t.start()));
  }

  /** True while both folders are watched (folders that did not exist at start are not). */
  watching(): boolean {
    return this.trees.every((t) => t.watchCount() > 0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const t of this.trees) t.close();
  }

  private changed(): void {
    if (this.closed || this.timer) return;
    // Leading wait, no reset: a transcript written every 100 ms still refreshes every debounceMs.
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.closed) this.options.onChange();
    }, this.options.debounceMs ?? 500);
  }
}
