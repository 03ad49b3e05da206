import { open, type FileHandle } from 'node:fs/promises';
import { createLimiter, type Limiter } from '../../async/limiter';
import type { TranscriptSummary } from '../../../../shared/domain/claude';
import { DEFAULT_CHUNK_BYTES, lineStartBefore, readRange } from './fileChunks';
import { LineSplitter } from './lineSplitter';
import { TranscriptAccumulator } from './transcriptAccumulator';
import { parseTranscriptLine } from './transcriptLine';

export interface TranscriptTailerOptions {
  /** A file larger than this is first read from its last this-many bytes; the rest is counted in the background. */
  maxInitialBytes?: number;
  /** The first, smaller tail window tried (default FIRST_TAIL_BYTES); the full tail when it lacks the last turn. */
  firstWindowBytes?: number;
  /** Read size; also the granularity of background progress. */
  chunkBytes?: number;
  /** Told after each background chunk and when the background count finishes (progress 1, done true). */
  onScanProgress?: (progress: number, done: boolean) => void;
  /** Where background counts queue; by default one app-wide queue running one count at a time. */
  backgroundLimiter?: Limiter;
}

export interface TranscriptReadResult {
  summary: TranscriptSummary;
  /** Bytes read from the file by this call (0 when nothing was appended). */
  newBytes: number;
  /** The file shrank, was replaced (other inode) or vanished: everything was read again from scratch. */
  truncatedOrReplaced: boolean;
}

/**
 * Enough for the last turn of a session (last activity, last message, open tool calls). Larger tails
 * put 30 × 4 MB of parsing on the path to the first full registry (bench scenario 5); the rest of a
 * file is counted in the background anyway.
 */
export const DEFAULT_MAX_INITIAL_BYTES = 512 * 1024;

/**
 * The first window tried: most last turns fit in it. When it holds no human prompt and no assistant
 * text (one huge tool result, say), the tail is read again from `maxInitialBytes` back.
 */
export const FIRST_TAIL_BYTES = 64 * 1024;

/**
 * Background counts run one at a time, app-wide: thirty 20 MB transcripts counted at once compete
 * with git and the first answers for the one main thread.
 */
export const sharedBackgroundLimiter = createLimiter(1);

/** The background count of bytes [0, end) that the first, tail-only read skipped. */
interface HeadScan {
  end: number;
  scanned: number;
  done: Promise<void>;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Follows one transcript as Claude Code appends to it.
 *
 * Each readNew() reads only the bytes added since the last one. A line without its newline yet stays
 * pending until completed, so it is counted exactly once. A file that shrank, changed inode, or whose
 * byte before our offset changed is read again from the start.
 *
 * A large file is answered from its tail first (last activity, last message, turn state are right at
 * once) while its beginning is counted in the background in chunks; token totals then grow until
 * `fullScanDone`. Memory is bounded by one chunk plus the longest line, never by the file size.
 */
export class TranscriptTailer {
  private readonly maxInitialBytes: number;
  private readonly firstWindowBytes: number;
  private readonly chunkBytes: number;
  private readonly backgroundLimiter: Limiter;
  private readonly onScanProgress: ((progress: number, done: boolean) => void) | undefined;

  private acc = new TranscriptAccumulator();
  private readonly splitter = new LineSplitter();
  /** Next byte to read; bytes before it are consumed (complete lines) or pending in the splitter. */
  private offset = 0;
  /** The byte at offset - 1 when last read, to notice a file rewritten in place to the same size or more. */
  private lastByte: number | null = null;
  private identity: string | null = null;
  private started = false;
  /** Bumped on every restart so a background scan of an older generation drops its result. */
  private generation = 0;
  private headScan: HeadScan | null = null;
  private scanError: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    options: TranscriptTailerOptions = {},
  ) {
    this.maxInitialBytes = options.maxInitialBytes ?? DEFAULT_MAX_INITIAL_BYTES;
    this.firstWindowBytes = Math.min(options.firstWindowBytes ?? FIRST_TAIL_BYTES, this.maxInitialBytes);
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.backgroundLimiter = options.backgroundLimiter ?? sharedBackgroundLimiter;
    this.onScanProgress = options.onScanProgress;
  }

  /** False while the beginning of a large file is still being counted in the background. */
  get fullScanDone(): boolean {
    return this.headScan === null;
  }

  /** 0..1: share of the bytes read so far that the token count covers. */
  get scanProgress(): number {
    const scan = this.headScan;
    if (scan === null || this.offset === 0) return 1;
    return (this.offset - scan.end + scan.scanned) / this.offset;
  }

  /** Why the background count stopped early (an I/O error); the next readNew() starts over. */
  get backgroundError(): string | null {
    return this.scanError;
  }

  get summary(): TranscriptSummary {
    const summary = this.acc.summary();
    // Line numbers count from the tail's start until the beginning has been counted too.
    const firstBrokenLine = this.fullScanDone ? (summary.firstBrokenLine ?? null) : null;
    return { ...summary, firstBrokenLine, fullScanDone: this.fullScanDone, scanProgress: this.scanProgress };
  }

  /** Resolves when the background count (if any) has finished, with the summary then. */
  async whenFullScanDone(): Promise<TranscriptSummary> {
    while (this.headScan !== null) await this.headScan.done;
    return this.summary;
  }

  /** Reads what was appended since the last call. Calls are queued, never run side by side. */
  readNew(): Promise<TranscriptReadResult> {
    const run = this.queue.then(() => this.readNewNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops a background count and forgets what was read; a later readNew() starts from scratch. */
  close(): void {
    this.restart();
  }

  private restart(): void {
    this.generation += 1;
    this.acc = new TranscriptAccumulator();
    this.splitter.reset();
    this.offset = 0;
    this.lastByte = null;
    this.identity = null;
    this.started = false;
    this.headScan = null;
    this.scanError = null;
  }

  private async readNewNow(): Promise<TranscriptReadResult> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (!isMissing(error)) throw error;
      const hadData = this.started;
      this.restart();
      return { summary: this.summary, newBytes: 0, truncatedOrReplaced: hadData };
    }
    try {
      return await this.readFrom(handle);
    } finally {
      await handle.close();
    }
  }

  private async readFrom(handle: FileHandle): Promise<TranscriptReadResult> {
    const stat = await handle.stat();
    const identity = `${stat.dev}:${stat.ino}`;
    let truncatedOrReplaced = false;
    if (this.started && (identity !== this.identity || stat.size < this.offset || !(await this.sameByteBefore(handle)))) {
      this.restart();
      truncatedOrReplaced = true;
    }
    const size = stat.size;
    // close() while this read awaits starts over; what this read finds then belongs to the discarded state.
    const generation = this.generation;
    const stale = (): boolean => generation !== this.generation;
    const staleResult = (): TranscriptReadResult => ({ summary: this.summary, newBytes: 0, truncatedOrReplaced });

    let skippedHead = 0;
    if (!this.started) {
      this.started = true;
      this.identity = identity;
      if (size > this.maxInitialBytes) {
        // Start at a line boundary near the end; the skipped beginning is counted in the background.
        // A small window first: parsing is the cost on the way to the first registry (bench scenario 5).
        const tried = this.firstWindowBytes < this.maxInitialBytes ? await this.readTailWindow(handle, size, this.firstWindowBytes, stale) : null;
        if (stale()) return staleResult();
        if (tried !== null) {
          skippedHead = tried;
        } else {
          this.acc = new TranscriptAccumulator();
          this.splitter.reset();
          this.lastByte = null;
          skippedHead = await lineStartBefore(handle, size - this.maxInitialBytes);
          if (stale()) return staleResult();
          this.offset = skippedHead;
        }
      }
    }

    const from = this.offset;
    if (size > from) {
      const acc = this.acc;
      const read = await readRange(
        handle,
        from,
        size,
        (chunk) => this.splitter.push(chunk, (text, bytes) => acc.add(parseTranscriptLine(text), bytes)),
        { chunkBytes: this.chunkBytes, shouldStop: stale },
      );
      if (stale()) return staleResult();
      this.offset = from + read;
      const lastByte = read > 0 ? await this.byteAt(handle, this.offset - 1) : this.lastByte;
      if (stale()) return staleResult();
      this.lastByte = lastByte;
    }
    // Only now, so the tail answer never waits behind the background count.
    if (skippedHead > 0) this.startHeadScan(skippedHead);
    return { summary: this.summary, newBytes: this.offset - from, truncatedOrReplaced };
  }

  /**
   * Reads the last `window` bytes (from a line start) to the end; keeps the result and returns where
   * it started when it holds the last turn (a human prompt or an assistant text), else null.
   */
  private async readTailWindow(handle: FileHandle, size: number, window: number, stale: () => boolean): Promise<number | null> {
    const start = await lineStartBefore(handle, size - window);
    if (stale() || start <= 0) return null;
    const acc = this.acc;
    const read = await readRange(handle, start, size, (chunk) => this.splitter.push(chunk, (text, bytes) => acc.add(parseTranscriptLine(text), bytes)), {
      chunkBytes: this.chunkBytes,
      shouldStop: stale,
    });
    if (stale()) return null;
    const summary = acc.summary();
    if (summary.lastUserPromptText === null && summary.lastAssistantText === null) return null;
    this.offset = start + read;
    this.lastByte = read > 0 ? await this.byteAt(handle, this.offset - 1) : null;
    return start;
  }

  /** True when the byte before our offset is still the one we read (cheap check for an in-place rewrite). */
  private async sameByteBefore(handle: FileHandle): Promise<boolean> {
    if (this.offset === 0 || this.lastByte === null) return true;
    return (await this.byteAt(handle, this.offset - 1)) === this.lastByte;
  }

  private async byteAt(handle: FileHandle, position: number): Promise<number | null> {
    const one = Buffer.alloc(1);
    const { bytesRead } = await handle.read(one, 0, 1, position);
    return bytesRead === 1 ? (one[0] ?? null) : null;
  }

  private startHeadScan(end: number): void {
    const generation = this.generation;
    const scan: HeadScan = { end, scanned: 0, done: Promise.resolve() };
    this.headScan = scan;
    scan.done = this.backgroundLimiter.run(() => this.scanHead(scan, generation)).catch((error: unknown) => {
      if (generation !== this.generation) return;
      // The file vanished or became unreadable mid-scan: drop the half-counted state so the next
      // readNew() starts over instead of showing totals that silently miss the beginning.
      this.restart();
      this.scanError = error instanceof Error ? error.message : String(error);
    });
  }

  private async scanHead(scan: HeadScan, generation: number): Promise<void> {
    const stale = (): boolean => generation !== this.generation;
    const head = new TranscriptAccumulator();
    const splitter = new LineSplitter();
    const addLine = (text: string, bytes: number): void => head.add(parseTranscriptLine(text), bytes);
    const handle = await open(this.path, 'r');
    try {
      await readRange(
        handle,
        0,
        scan.end,
        (chunk) => {
          splitter.push(chunk, addLine);
          scan.scanned += chunk.length;
          if (!stale()) this.onScanProgress?.(this.scanProgress, false);
        },
        // Each chunk is an awaited read, so foreground work runs between chunks.
        { chunkBytes: this.chunkBytes, shouldStop: stale },
      );
    } finally {
      await handle.close();
    }
    if (stale()) return;
    // `end` is a line start, so anything pending is a line cut exactly there.
    splitter.flush(addLine);
    this.acc.absorbEarlier(head);
    this.headScan = null;
    this.onScanProgress?.(1, true);
  }
}
