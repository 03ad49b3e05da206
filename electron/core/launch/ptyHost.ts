import { spawn, type IPty } from '@lydell/node-pty';
import { Scrollback } from './scrollback';

export interface PtySpawn {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols?: number;
  rows?: number;
  /** Most characters of history kept for a client that attaches later. Default 1 MB. */
  scrollbackLimit?: number;
}

export interface PtyListener {
  data(chunk: string): void;
  exit(exitCode: number | null): void;
}

/**
 * One terminal owned by the core: the process runs in a real PTY whatever client is (or is not)
 * watching; output is kept in a bounded scrollback and fanned out to listeners.
 */
export class PtySession {
  private readonly pty: IPty;
  private readonly history: Scrollback;
  private readonly listeners = new Set<PtyListener>();
  private exited: { code: number | null } | null = null;
  private size: { cols: number; rows: number };
  readonly exitedPromise: Promise<number | null>;

  constructor(options: PtySpawn) {
    this.size = { cols: options.cols ?? 120, rows: options.rows ?? 32 };
    this.history = new Scrollback(options.scrollbackLimit ?? 1024 * 1024);
    this.pty = spawn(options.file, options.args, { name: 'xterm-256color', cols: this.size.cols, rows: this.size.rows, cwd: options.cwd, env: options.env });
    let resolveExit: (code: number | null) => void = () => undefined;
    this.exitedPromise = new Promise((resolve) => (resolveExit = resolve));
    this.pty.onData((chunk) => {
      this.history.append(chunk);
      for (const l of this.listeners) l.data(chunk);
    });
    this.pty.onExit(({ exitCode, signal }) => {
      const code = signal ? null : exitCode;
      this.exited = { code };
      for (const l of this.listeners) l.exit(code);
      resolveExit(code);
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get running(): boolean {
    return this.exited === null;
  }

  get dimensions(): { cols: number; rows: number } {
    return { ...this.size };
  }

  scrollback(): string {
    return this.history.text();
  }

  /** Characters printed so far (the scrollback ends here). */
  get printed(): number {
    return this.history.total;
  }

  listen(listener: PtyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  write(data: string): void {
    if (this.exited) return;
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exited || (cols === this.size.cols && rows === this.size.rows)) return;
    this.size = { cols, rows };
    this.pty.resize(cols, rows);
  }

  /** Ends the process (SIGHUP, as closing a terminal would); resolves when it is gone or after 3 s. */
  async kill(): Promise<void> {
    if (this.exited) return;
    try {
      this.pty.kill('SIGHUP');
    } catch {
      // already gone
    }
    await Promise.race([this.exitedPromise, new Promise((r) => setTimeout(r, 3000))]);
  }
}
