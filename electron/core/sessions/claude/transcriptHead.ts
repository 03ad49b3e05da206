import { open } from 'node:fs/promises';
import type { TranscriptHead } from '../../../../shared/domain/claude';
import { readRange } from './fileChunks';
import { LineSplitter } from './lineSplitter';
import { parseTranscriptLine } from './transcriptLine';

export const DEFAULT_HEAD_MAX_BYTES = 256 * 1024;
const HEAD_CHUNK_BYTES = 64 * 1024;

function emptyHead(): TranscriptHead {
  return { sessionId: null, cwd: null, slug: null, gitBranch: null, version: null, firstActivityAt: null };
}

function complete(head: TranscriptHead): boolean {
  return head.sessionId !== null && head.cwd !== null && head.slug !== null && head.gitBranch !== null;
}

/**
 * Reads sessionId, cwd, slug and gitBranch from the first lines that carry them, stopping as soon as
 * all are known or after `maxBytes` (slug may appear late or never: it is then null).
 * A missing or unreadable file gives an all-null head rather than an error.
 */
export async function readTranscriptHead(
  path: string,
  options: { maxBytes?: number } = {},
): Promise<TranscriptHead> {
  const head = emptyHead();
  const maxBytes = options.maxBytes ?? DEFAULT_HEAD_MAX_BYTES;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return head;
  }
  try {
    const size = (await handle.stat()).size;
    const splitter = new LineSplitter();
    await readRange(
      handle,
      0,
      Math.min(size, maxBytes),
      (chunk) =>
        splitter.push(chunk, (text) => {
          if (complete(head)) return;
          const line = parseTranscriptLine(text);
          if (line.kind === 'broken' || line.kind === 'blank') return;
          const c = line.common;
          head.sessionId ??= c.sessionId;
          head.cwd ??= c.cwd;
          head.slug ??= c.slug;
          head.gitBranch ??= c.gitBranch;
          head.version ??= c.version;
          head.firstActivityAt ??= c.timestamp;
        }),
      { chunkBytes: HEAD_CHUNK_BYTES, shouldStop: () => complete(head) },
    );
  } catch {
    // A file deleted or unreadable mid-read keeps what was found so far.
  } finally {
    await handle.close();
  }
  return head;
}
