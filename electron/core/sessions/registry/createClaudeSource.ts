import { readCccState } from '../claude/cccState';
import { ClaudeAgentsCli } from '../claude/claudeAgentsCli';
import { mergeLiveSources } from '../claude/mergeLiveSources';
import { readLiveSessions } from '../claude/liveSessions';
import { listTranscripts } from '../claude/transcriptFiles';
import { heldLimiter } from '../../async/heldLimiter';
import { sharedBackgroundLimiter, TranscriptTailer, type TranscriptTailerOptions } from '../claude/transcriptTailer';
import type { ClaudeSource, TranscriptEntry } from './claudeSource';

export interface ClaudeSourceOptions {
  /** Transcripts last written longer ago than this are not followed. Default 3 days. */
  maxAgeMs?: number;
  /** At most this many transcripts (the most recently written) are followed. Default 200. */
  maxTranscripts?: number;
  now?: () => number;
  /** How transcripts are followed (tail size, background queue); defaults are the tailer's. */
  tailer?: Pick<TranscriptTailerOptions, 'maxInitialBytes' | 'chunkBytes' | 'backgroundLimiter'>;
  /** Ask `claude agents --json` too (default on; the environment the CLI is found and run in). */
  agentsCli?: { env?: Readonly<Record<string, string | undefined>>; refreshMs?: number } | false;
}

/**
 * The production ClaudeSource: the live registry, the recent main-session transcripts (followed
 * incrementally by one TranscriptTailer each) and `.ccc-state.json`, all from
 * `electron/core/sessions/claude/`.
 */
export function createClaudeSource(claudeHome: string, options: ClaudeSourceOptions = {}): ClaudeSource {
  const tailers = new Map<string, TranscriptTailer>();
  const maxAgeMs = options.maxAgeMs ?? 3 * 24 * 3600 * 1000;
  const maxTranscripts = options.maxTranscripts ?? 200;
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  const agentsCli = options.agentsCli === false ? null : new ClaudeAgentsCli({ claudeHome, ...(options.agentsCli ?? {}) });
  // Background token counts wait for the first registry (or 15 s): thirty 20 MB counts on the one main
  // thread were ~450 ms of the way to the first full registry (bench scenario 5).
  const background = heldLimiter(options.tailer?.backgroundLimiter ?? sharedBackgroundLimiter, 15_000);
  // A finished background count changes a total without any file event: say so, or a session that
  // stopped writing would show its partial total until the next poll.
  const counted = (_progress: number, done: boolean): void => {
    if (!done) return;
    for (const l of listeners) l();
  };
  return {
    async readLiveSessions() {
      // The CLI's last answer, never waited for; a new answer is announced like a finished count.
      const listed = agentsCli?.peek(() => {
        for (const l of listeners) l();
      });
      return mergeLiveSources(await readLiveSessions(claudeHome), listed ?? null);
    },
    async readTranscripts(): Promise<TranscriptEntry[]> {
      const refs = (await listTranscripts(claudeHome))
        .filter((r) => !r.isSubagent && now() - r.mtimeMs <= maxAgeMs)
        .sort((a, b) => b.mtimeMs - a.mtimeMs)
        .slice(0, maxTranscripts);
      const keep = new Set(refs.map((r) => r.path));
      for (const [path, tailer] of tailers) {
        if (!keep.has(path)) {
          tailer.close();
          tailers.delete(path);
        }
      }
      const out = await Promise.all(
        refs.map(async (ref): Promise<TranscriptEntry | null> => {
          let tailer = tailers.get(ref.path);
          if (!tailer) {
            tailer = new TranscriptTailer(ref.path, { ...options.tailer, backgroundLimiter: background, onScanProgress: counted });
            tailers.set(ref.path, tailer);
          }
          try {
            const { summary } = await tailer.readNew();
            return { path: ref.path, summary };
          } catch {
            return null;
          }
        }),
      );
      return out.filter((e): e is TranscriptEntry => e !== null);
    },
    async readCccState(worktreePath) {
      return (await readCccState(worktreePath)).state;
    },
    startBackgroundWork() {
      background.release();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      for (const t of tailers.values()) t.close();
      tailers.clear();
    },
  };
}
