import type { FileHandle } from 'node:fs/promises';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads bytes [start, end) of an open file in chunks, one buffer reused, so memory stays at one chunk
 * whatever the file size. `onChunk` must copy what it keeps. Returns how many bytes were read (less
 * than asked when the file shrank meanwhile). `shouldStop` lets a background scan be cancelled between chunks.
 */
export async function readRange(
  handle: FileHandle,
  start: number,
  end: number,
  onChunk: (chunk: Buffer) => void,
  options: { chunkBytes?: number; shouldStop?: () => boolean } = {},
): Promise<number> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, end - start)));
  let position = start;
  while (position < end) {
    if (options.shouldStop?.()) break;
    const want = Math.min(buffer.length, end - position);
    const { bytesRead } = await handle.read(buffer, 0, want, position);
    if (bytesRead === 0) break;
    onChunk(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return position - start;
}

/**
 * Start of the line that contains byte `offset - 1`, i.e. just after the last newline before `offset`
 * (0 when there is none). Reads backwards in small steps: lines are usually short.
 */
export async function lineStartBefore(handle: FileHandle, offset: number, stepBytes = 64 * 1024): Promise<number> {
  const buffer = Buffer.allocUnsafe(stepBytes);
  let end = offset;
  while (end > 0) {
    const start = Math.max(0, end - stepBytes);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline !== -1) return start + newline + 1;
    end = start;
  }
  return 0;
}
