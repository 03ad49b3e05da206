import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLiveSessionFile } from '../sessions/claude/liveSessionFile';
import { parseTranscriptLine } from '../sessions/claude/transcriptLine';

const TAIL_BYTES = 256 * 1024;

/** The name Claude Code's own files give a session: the transcript's `/rename` title, then its slug. Pure. */
export function nameFromTranscript(text: string): string | null {
  let title: string | null = null;
  let slug: string | null = null;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const line = parseTranscriptLine(raw);
    if (line.kind === 'other' && line.customTitle) title = line.customTitle;
    if ('common' in line && line.common.slug) slug = line.common.slug;
  }
  return title ?? slug;
}

async function readTail(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/**
 * The real session name once Claude Code has written one: `sessions/<pid>.json` `name` (formats.md
 * §1.1), else the transcript's custom title or slug (§1.2). Null while it has named nothing.
 */
export async function claudeSessionName(claudeHome: string, pid: number | null, transcriptPath: string | null): Promise<string | null> {
  if (pid !== null) {
    const file = join(claudeHome, 'sessions', `${pid}.json`);
    const text = await readFile(file, 'utf8').catch(() => null);
    const live = text === null ? null : parseLiveSessionFile(file, `${pid}.json`, text);
    if (live?.name) return live.name;
  }
  if (transcriptPath) {
    const text = await readTail(transcriptPath).catch(() => null);
    if (text) return nameFromTranscript(text);
  }
  return null;
}
