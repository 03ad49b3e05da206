import { createHash } from 'node:crypto';

/** sha256 (hex) of a plan's UTF-8 text or raw bytes; the two agree for any valid UTF-8 file. */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
