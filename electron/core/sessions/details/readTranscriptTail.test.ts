import { appendFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempRepo';
import { fixturePath } from '../claude/fixtures.testutil';
import { readTranscriptTail } from './readTranscriptTail';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const user = (i: number) => JSON.stringify({ type: 'user', timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, message: { content: `prompt ${i}` } });
const reply = (i: number) => JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: `reply ${i}` }] } });

describe('readTranscriptTail', () => {
  it('keeps the last entries, oldest first, and skips broken and half-written lines', async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const path = join(dir, 't.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) lines.push(user(i), i === 10 ? '{"broken' : reply(i));
    await writeFile(path, `${lines.join('\n')}\n`);
    await appendFile(path, '{"type":"assistant","message":{"content":[{"type":"text","text":"half');
    const tail = await readTranscriptTail(path, { maxEntries: 20 });
    expect(tail.entries).toHaveLength(20);
    expect(tail.entries.at(-1)).toEqual({ at: null, role: 'assistant', text: 'reply 29' });
    expect(tail.entries[0]).toEqual({ at: '2026-01-01T00:00:20Z', role: 'user', text: 'prompt 20' });
    expect(tail.lastAssistantText).toBe('reply 29');
  });

  it('reads only the window at the end of a large file and drops the line it cut', async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const path = join(dir, 'big.jsonl');
    const filler = JSON.stringify({ type: 'progress', data: { pad: 'p'.repeat(1000) } });
    const lines = Array.from({ length: 2000 }, () => filler);
    lines.push(user(1), reply(1));
    await writeFile(path, `${lines.join('\n')}\n`);
    const tail = await readTranscriptTail(path, { tailBytes: 4096 });
    expect(tail.entries.map((e) => e.text)).toEqual(['prompt 1', 'reply 1']);
  });

  it('reads a real Claude Code transcript', async () => {
    const tail = await readTranscriptTail(fixturePath('tool_heavy'));
    expect(tail.entries.length).toBeGreaterThan(0);
    expect(tail.entries.length).toBeLessThanOrEqual(20);
    expect(tail.entries.some((e) => e.role === 'tool')).toBe(true);
    for (const e of tail.entries) expect(e.text.length).toBeLessThanOrEqual(600);
  });

  it('rejects for a missing file (the caller reports it)', async () => {
    await expect(readTranscriptTail('/nonexistent/switchyard/t.jsonl')).rejects.toThrow();
  });
});
