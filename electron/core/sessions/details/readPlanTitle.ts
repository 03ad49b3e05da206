import { open } from 'node:fs/promises';
import { basename } from 'node:path';

const HEAD_BYTES = 8 * 1024;

/** Pure: the first `# ` heading of a markdown text, or null. */
export function planTitleOf(markdown: string): string | null {
  const match = /^#[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  return match?.[1]?.trim() || null;
}

/** The plan's title from its first few KB; the file name when it has no heading or cannot be read. */
export async function readPlanTitle(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return planTitleOf(buffer.subarray(0, bytesRead).toString('utf8')) ?? basename(path);
    } finally {
      await handle.close();
    }
  } catch {
    return basename(path);
  }
}
