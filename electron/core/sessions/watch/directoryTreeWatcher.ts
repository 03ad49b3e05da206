import { watch, type FSWatcher } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

export interface DirectoryTreeWatcherOptions {
  root: string;
  /** Absolute path → not reported, and never descended into when a folder (node_modules, .git, nested worktrees). */
  ignore(path: string): boolean;
  /** Something at `path` was created, changed, renamed or removed. */
  onChange(path: string): void;
  /** The root folder itself is gone. */
  onRootGone(): void;
  onWarning(message: string): void;
  /** Folders read at once during a walk. Default 4. */
  concurrency?: number;
}

function codeOf(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

function describeWatchError(path: string, error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENOSPC') {
    return `cannot watch ${path} and folders after it: the system's limit of file watches is reached (raise fs.inotify.max_user_watches); changes there show only when the worktree is next refreshed for another reason`;
  }
  return `cannot watch ${path}: ${code}`;
}

/**
 * One OS watch per folder of a worktree (never per file), found by reading folders with their entry
 * types, so no file is ever stat-ed. Chokidar stats every entry during its first scan: at 33
 * checkouts × 20,000 files that was 120,000 promises in flight and a 1 GB heap (bench scenario 3).
 * A folder watch reports every entry inside it; new folders are walked as they appear, removed ones
 * drop their watches.
 */
export class DirectoryTreeWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;
  private rootGone = false;
  /** The watch limit is said once per tree, not once per folder. */
  private limitReported = false;

  constructor(private readonly options: DirectoryTreeWatcherOptions) {}

  /** Walks the tree and watches every folder not ignored; resolves when the first walk is done. */
  async start(): Promise<void> {
    await this.walk(this.options.root);
  }

  /** Folders watched right now (one OS watch each). */
  watchCount(): number {
    return this.watchers.size;
  }

  close(): void {
    this.closed = true;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private async walk(top: string): Promise<void> {
    const queue = [top];
    const worker = async (): Promise<void> => {
      for (let dir = queue.shift(); dir !== undefined && !this.closed; dir = queue.shift()) {
        if (this.watchers.has(dir)) continue;
        // Watch before reading, so an entry created between the two is not missed.
        if (!this.watchDir(dir)) continue;
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (error) {
          this.unwatch(dir);
          if (dir === this.options.root) this.options.onWarning(`cannot read ${dir}: ${codeOf(error)}`);
          continue;
        }
        for (const entry of entries) {
          if (!entry.isDirectory()) continue;
          const child = join(dir, entry.name);
          if (!this.options.ignore(child)) queue.push(child);
        }
      }
    };
    // Workers share one queue; one that finds it empty stops, so keep starting them while the walk grows.
    const width = this.options.concurrency ?? 4;
    const running = new Set<Promise<void>>();
    while (!this.closed && (queue.length > 0 || running.size > 0)) {
      while (running.size < width && queue.length > 0) {
        const p: Promise<void> = worker().finally(() => running.delete(p));
        running.add(p);
      }
      if (running.size > 0) await Promise.race(running);
    }
  }

  private watchDir(dir: string): boolean {
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, (event, name) => this.onEvent(dir, event, typeof name === 'string' ? name : null));
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENOSPC') {
        if (!this.limitReported) this.options.onWarning(describeWatchError(dir, error));
        this.limitReported = true;
      } else if (code !== 'ENOENT') {
        this.options.onWarning(describeWatchError(dir, error));
      }
      return false;
    }
    watcher.on('error', () => {
      // A watched folder that vanishes errors on some platforms; its parent's event handles the rest.
      this.unwatch(dir);
      if (dir === this.options.root) this.checkRoot();
    });
    this.watchers.set(dir, watcher);
    return true;
  }

  private unwatch(dir: string): void {
    const prefix = `${dir}${sep}`;
    for (const [path, watcher] of this.watchers) {
      if (path === dir || path.startsWith(prefix)) {
        watcher.close();
        this.watchers.delete(path);
      }
    }
  }

  private onEvent(dir: string, event: string, name: string | null): void {
    if (this.closed) return;
    if (name === null) {
      this.options.onChange(dir);
      return;
    }
    const path = join(dir, name);
    if (this.options.ignore(path)) return;
    this.options.onChange(path);
    if (event === 'rename') void this.renamed(dir, path);
  }

  /** A name appeared or disappeared: start watching a new folder, drop the watches of a gone one. */
  private async renamed(dir: string, path: string): Promise<void> {
    let isDir = false;
    try {
      isDir = (await lstat(path)).isDirectory();
    } catch {
      isDir = false;
    }
    if (this.closed) return;
    if (isDir) {
      if (!this.watchers.has(path) && !this.options.ignore(path)) await this.walk(path);
    } else if (this.watchers.has(path)) {
      this.unwatch(path);
    }
    if (dir === this.options.root || path === this.options.root) this.checkRoot();
  }

  private checkRoot(): void {
    void lstat(this.options.root).then(
      () => undefined,
      () => {
        // Several events can ask at once; the root goes only once.
        if (this.closed || this.rootGone) return;
        this.rootGone = true;
        this.unwatch(this.options.root);
        this.options.onRootGone();
      },
    );
  }
}
