import { open } from 'node:fs/promises';
import { readRange } from '../claude/fileChunks';
import { tailEntriesOfLine, type TailEntry } from './transcriptTailEntries';

/** Only the end of the file is read: a transcript can be hundreds of MB, the panel wants its last words. */
export const TAIL_BYTES = 256 * 1024;
export const TAIL_ENTRIES = 20;

export interface TranscriptTail {
  entries: TailEntry[];
  lastAssistantText: string | null;
}

/**
 * The last `maxEntries` meaningful entries of a transcript, oldest first, from its last `tailBytes`.
 * A line cut by the window's start and a half-written last line are skipped, not errors.
 */
export async function readTranscriptTail(path: string, options: { tailBytes?: number; maxEntries?: number } = {}): Promise<TranscriptTail> {
  const tailBytes = options.tailBytes ?? TAIL_BYTES;
  const maxEntries = options.maxEntries ?? TAIL_ENTRIES;
  const handle = await open(path, 'r');
  const chunks: Buffer[] = [];
  let start = 0;
  try {
    const { size } = await handle.stat();
    start = Math.max(0, size - tailBytes);
    await readRange(handle, start, size, (chunk) => chunks.push(Buffer.from(chunk)));
  } finally {
    await handle.close();
  }
  // A UTF-8 character cut at the window's start only spoils the first line, which is dropped.
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  if (start > 0) lines.shift();
  const entries: TailEntry[] = [];
  for (const line of lines) entries.push(...tailEntriesOfLine(line));
  const lastAssistant = [...entries].reverse().find((e) => e.role === 'assistant');
  return { entries: entries.slice(-maxEntries), lastAssistantText: lastAssistant?.text ?? null };
}
