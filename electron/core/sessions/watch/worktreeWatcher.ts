import { watch, type FSWatcher } from 'chokidar';
import { existsSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { DirectoryTreeWatcher } from './directoryTreeWatcher';

/** Folder names the watcher never descends into, anywhere inside a worktree. */
export const IGNORED_DIR_NAMES: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  'target',
  '.next',
  'coverage',
  '.git',
]);

function segments(rel: string): string[] {
  return rel.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

/**
 * Relative path inside a worktree → ignored? Build output, dependencies and everything under `.git`
 * (git's own files are watched through the repository's git dir instead, see `isWatchedGitPath`).
 */
export function isIgnoredWorktreePath(rel: string): boolean {
  return segments(rel).some((s) => IGNORED_DIR_NAMES.has(s));
}

const GIT_TOP_FILES = new Set(['HEAD', 'index', 'MERGE_HEAD', 'packed-refs']);
const GIT_WORKTREE_FILES = new Set(['HEAD', 'index', 'MERGE_HEAD']);

/**
 * Relative path inside a common git dir → watched? Only HEAD, index, MERGE_HEAD, packed-refs, refs/**
 * and each linked worktree's `worktrees/<name>/{HEAD,index,MERGE_HEAD}` (plus the folders leading
 * there). Never objects/, logs/, hooks/ or anything else.
 */
export function isWatchedGitPath(rel: string): boolean {
  const s = segments(rel);
  if (s.length === 0) return true;
  const [first, second, third] = s;
  if (s.length === 1 && first && GIT_TOP_FILES.has(first)) return true;
  if (first === 'refs') return second === undefined || second === 'heads' || second === 'remotes';
  if (first === 'worktrees') {
    if (s.length <= 2) return true;
    return s.length === 3 && !!third && GIT_WORKTREE_FILES.has(third);
  }
  return false;
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/+$/, '');
}

/** `p` relative to `root` when inside it (or equal: ''), else null. */
export function relativeInside(root: string, p: string): string | null {
  const r = normalize(root);
  const q = normalize(p);
  if (q === r) return '';
  return q.startsWith(`${r}/`) ? q.slice(r.length + 1) : null;
}

/** The chokidar `ignored` function for one worktree: relative rules plus nested worktrees left to their own watchers. */
export function makeWorktreeIgnore(root: string, excluded: readonly string[] = []): (path: string, stats?: Stats) => boolean {
  return (path) => {
    const rel = relativeInside(root, path);
    if (rel === null) return false;
    if (rel === '') return false;
    if (excluded.some((e) => relativeInside(e, path) !== null)) return true;
    return isIgnoredWorktreePath(rel);
  };
}

export function makeGitDirIgnore(commonGitDir: string): (path: string, stats?: Stats) => boolean {
  return (path) => {
    const rel = relativeInside(commonGitDir, path);
    if (rel === null) return false;
    return !isWatchedGitPath(rel);
  };
}

export interface WatchTarget {
  id: string;
  path: string;
  /** The worktree's own git dir (`<common>/worktrees/<name>`, or the common dir for the main worktree). */
  gitDir: string | null;
  commonGitDir: string;
  isMain: boolean;
  /** Bare repositories and vanished (prunable) worktrees have no working tree to watch. */
  watchFiles: boolean;
}

export interface WorktreeWatcherOptions {
  onWorktreeChanged: (worktreeId: string) => void;
  onTopologyChanged: () => void;
  onWarning?: (message: string) => void;
  /** Quiet time before a burst of events becomes one callback. Default 75 ms. */
  debounceMs?: number;
  /** A continuous burst still reports at least this often. Default 1000 ms. */
  maxWaitMs?: number;
  /** Longest wait for a new watcher's initial scan. Default 10 s. */
  readyTimeoutMs?: number;
}

interface Running {
  key: string;
  watcher: FSWatcher;
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const path = 'path' in error && typeof error.path === 'string' ? ` (${error.path})` : '';
    return `${error.code}${path}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Watches the worktree roots (for folders coming and going), each worktree's files, and each
 * repository's git dir (HEAD, index, refs). Bursts are coalesced per worktree and handed on after
 * `debounceMs` of quiet. One chokidar instance per watched folder, so a folder that disappears or
 * cannot be read costs a warning for that folder only.
 */
export class WorktreeWatcher {
  private readonly rootWatchers = new Map<string, Running>();
  private readonly worktreeWatchers = new Map<string, DirectoryTreeWatcher>();
  private readonly gitWatchers = new Map<string, Running>();
  private targets: WatchTarget[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When the current burst of a worktree began, so a never-ending burst still reports every maxWaitMs. */
  private readonly burstStart = new Map<string, number>();
  private topologyTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly debounceMs: number;

  constructor(private readonly options: WorktreeWatcherOptions) {
    this.debounceMs = options.debounceMs ?? 75;
  }

  /** Makes the watched set match `roots` and `targets`; resolves when new watchers finished their first scan. */
  async setTargets(roots: readonly string[], targets: readonly WatchTarget[]): Promise<void> {
    if (this.closed) return;
    this.targets = [...targets];
    const pending: Array<Promise<void>> = [];

    const wantRoots = new Set(roots.filter((r) => existsSync(r)));
    this.sync(this.rootWatchers, wantRoots, (root) => this.startWatcher(this.rootWatchers, root, root, { depth: 0 }, pending, (event, path) => {
      if ((event === 'addDir' || event === 'unlinkDir') && relativeInside(root, path) !== '') this.topologyChanged();
      if (event === 'unlinkDir' && relativeInside(root, path) === '') this.topologyChanged();
    }));

    const fileTargets = targets.filter((t) => t.watchFiles && existsSync(t.path));
    const wantWorktrees = new Set(fileTargets.map((t) => t.id));
    for (const [id, tree] of this.worktreeWatchers) {
      if (!wantWorktrees.has(id)) {
        this.worktreeWatchers.delete(id);
        tree.close();
      }
    }
    for (const t of fileTargets) {
      if (this.worktreeWatchers.has(t.id)) continue;
      const nested = targets.filter((o) => o.id !== t.id && relativeInside(t.path, o.path) !== null).map((o) => o.path);
      const ignore = makeWorktreeIgnore(t.path, nested);
      let goneReported = false;
      const tree = new DirectoryTreeWatcher({
        root: t.path,
        ignore,
        onChange: (path) => this.worktreeChanged(this.ownerOf(path) ?? t.id),
        onRootGone: () => {
          if (goneReported || this.closed) return;
          goneReported = true;
          this.warn(`worktree folder was removed while watched: ${t.path}`);
          this.topologyChanged();
        },
        onWarning: (message) => this.warn(message),
      });
      this.worktreeWatchers.set(t.id, tree);
      pending.push(this.withinReadyTimeout(tree.start()));
    }

    const wantGit = new Set(targets.map((t) => t.commonGitDir).filter((d) => existsSync(d)));
    this.sync(this.gitWatchers, wantGit, (common) =>
      this.startWatcher(this.gitWatchers, common, common, { ignored: makeGitDirIgnore(common) }, pending, (event, path) =>
        this.gitEvent(common, event, path),
      ),
    );
    await Promise.all(pending);
  }

  /** Paths watched right now (worktree folders, plus chokidar's roots and git-dir entries), for benchmarks. */
  watchedPathCount(): number {
    let count = 0;
    for (const tree of this.worktreeWatchers.values()) count += tree.watchCount();
    for (const map of [this.rootWatchers, this.gitWatchers]) {
      for (const { watcher } of map.values()) {
        for (const [dir, entries] of Object.entries(watcher.getWatched())) count += dir === '..' ? 0 : entries.length;
      }
    }
    return count;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.topologyTimer) clearTimeout(this.topologyTimer);
    this.topologyTimer = null;
    for (const tree of this.worktreeWatchers.values()) tree.close();
    const all = [...this.rootWatchers.values(), ...this.gitWatchers.values()];
    this.rootWatchers.clear();
    this.worktreeWatchers.clear();
    this.gitWatchers.clear();
    await Promise.all(all.map((r) => r.watcher.close().catch(() => undefined)));
  }

  private sync(map: Map<string, Running>, want: Set<string>, start: (key: string) => void): void {
    for (const [key, running] of map) {
      if (!want.has(key)) {
        map.delete(key);
        void running.watcher.close().catch(() => undefined);
      }
    }
    for (const key of want) if (!map.has(key)) start(key);
  }

  private startWatcher(
    map: Map<string, Running>,
    key: string,
    path: string,
    extra: { depth?: number; ignored?: (path: string, stats?: Stats) => boolean },
    pending: Array<Promise<void>>,
    onEvent: (event: string, path: string) => void,
  ): FSWatcher | null {
    let watcher: FSWatcher;
    try {
      watcher = watch(path, {
        ignoreInitial: true,
        persistent: true,
        followSymlinks: false,
        ignorePermissionErrors: true,
        ...(extra.depth !== undefined ? { depth: extra.depth } : {}),
        ...(extra.ignored ? { ignored: extra.ignored } : {}),
      });
    } catch (error) {
      this.warn(`cannot watch ${path}: ${errorText(error)}`);
      return null;
    }
    map.set(key, { key, watcher });
    watcher.on('all', (event, p) => {
      if (!this.closed) onEvent(event, p);
    });
    watcher.on('error', (error) => this.warn(`watching ${path} failed: ${errorText(error)}`));
    pending.push(this.withinReadyTimeout(new Promise<void>((resolve) => watcher.once('ready', () => resolve()))));
    return watcher;
  }

  /** A first scan that takes too long must not hold up the registry: it finishes in the background. */
  private withinReadyTimeout(ready: Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.options.readyTimeoutMs ?? 10_000);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      ready.then(done, done);
    });
  }

  /** The deepest worktree containing `path`. */
  private ownerOf(path: string): string | null {
    let best: WatchTarget | null = null;
    for (const t of this.targets) {
      if (relativeInside(t.path, path) !== null && (!best || t.path.length > best.path.length)) best = t;
    }
    return best?.id ?? null;
  }

  private gitEvent(common: string, event: string, path: string): void {
    const rel = relativeInside(common, path);
    if (rel === null) return;
    const s = segments(rel);
    const repoTargets = this.targets.filter((t) => normalize(t.commonGitDir) === normalize(common));
    if (s[0] === 'worktrees') {
      if (s.length === 2 && (event === 'addDir' || event === 'unlinkDir')) {
        this.topologyChanged();
        return;
      }
      const gitDir = `${normalize(common)}/worktrees/${s[1] ?? ''}`;
      const owner = repoTargets.find((t) => t.gitDir && normalize(t.gitDir) === gitDir);
      if (owner) this.worktreeChanged(owner.id);
      return;
    }
    if (s[0] === 'refs' || s[0] === 'packed-refs') {
      // A branch moved: ahead/behind and "merged" of every worktree of the repository may change.
      for (const t of repoTargets) this.worktreeChanged(t.id);
      return;
    }
    const main = repoTargets.find((t) => t.isMain);
    if (main) this.worktreeChanged(main.id);
  }

  private worktreeChanged(id: string): void {
    if (this.closed) return;
    const existing = this.timers.get(id);
    if (existing) clearTimeout(existing);
    const now = Date.now();
    const start = this.burstStart.get(id) ?? now;
    this.burstStart.set(id, start);
    const wait = Math.max(0, Math.min(this.debounceMs, start + (this.options.maxWaitMs ?? 1000) - now));
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.burstStart.delete(id);
        if (!this.closed) this.options.onWorktreeChanged(id);
      }, wait),
    );
  }

  private topologyChanged(): void {
    if (this.closed) return;
    if (this.topologyTimer) clearTimeout(this.topologyTimer);
    this.topologyTimer = setTimeout(() => {
      this.topologyTimer = null;
      if (!this.closed) this.options.onTopologyChanged();
    }, this.debounceMs);
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}
