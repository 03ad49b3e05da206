import { appendFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempRepo';
import { fixturePath, fixtureText } from './fixtures.testutil';
import { TranscriptTailer } from './transcriptTailer';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('switchyard-tailer-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ts = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();

function assistantLine(i: number, output: number, text = `answer ${i}`): string {
  return JSON.stringify({
    type: 'assistant',
    sessionId: 'big',
    cwd: '/work/big',
    timestamp: ts(i),
    requestId: `req_${i}`,
    message: {
      id: `msg_${i}`,
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text }],
      usage: { input_tokens: 1, output_tokens: output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    },
  });
}

function userLine(i: number, text: string): string {
  return JSON.stringify({ type: 'user', sessionId: 'big', cwd: '/work/big', timestamp: ts(i), message: { content: text } });
}

describe('TranscriptTailer', () => {
  it('reads a real transcript and then only what is appended', async () => {
    const path = join(dir, 't.jsonl');
    await writeFile(path, fixtureText('short'));
    const tailer = new TranscriptTailer(path);
    const first = await tailer.readNew();
    expect(first.newBytes).toBe(Buffer.byteLength(fixtureText('short')));
    expect(first.summary.usage.output).toBe(13);
    expect(first.summary.fullScanDone).toBe(true);

    const again = await tailer.readNew();
    expect(again.newBytes).toBe(0);
    expect(again.summary).toEqual(first.summary);

    const added = `${assistantLine(1, 100)}\n`;
    await appendFile(path, added);
    const third = await tailer.readNew();
    expect(third.newBytes).toBe(Buffer.byteLength(added));
    expect(third.summary.usage.output).toBe(113);
  });

  it('a half-written last line is held back and counted exactly once when completed', async () => {
    const path = join(dir, 't.jsonl');
    const second = assistantLine(2, 50, 'second answer');
    await writeFile(path, `${assistantLine(1, 7)}\n${second.slice(0, 40)}`);
    const tailer = new TranscriptTailer(path);
    const a = await tailer.readNew();
    expect(a.summary.usage.output).toBe(7);
    expect(a.summary.brokenLines).toBe(0);
    expect(a.summary.messageCount).toBe(1);

    await appendFile(path, `${second.slice(40)}\n`);
    const b = await tailer.readNew();
    expect(b.summary.usage.output).toBe(57);
    expect(b.summary.messageCount).toBe(2);
    expect(b.summary.brokenLines).toBe(0);
    expect(b.summary.lastAssistantText).toBe('second answer');

    const c = await tailer.readNew();
    expect(c.summary.usage.output).toBe(57);
  });

  it('a multi-byte character cut by a chunk boundary survives', async () => {
    const path = join(dir, 't.jsonl');
    const text = 'héllo wörld — ünïcödé '.repeat(50);
    await writeFile(path, `${assistantLine(1, 1, text)}\n`);
    const tailer = new TranscriptTailer(path, { chunkBytes: 7 });
    const { summary } = await tailer.readNew();
    expect(summary.lastAssistantText).toBe(text.trim());
    expect(summary.brokenLines).toBe(0);
  });

  it('a broken line in the middle is counted as broken and the rest still parses', async () => {
    const path = join(dir, 't.jsonl');
    await writeFile(path, `${assistantLine(1, 5)}\n{"type":"assistant","message":{"id":\n${assistantLine(2, 6)}\n`);
    const { summary } = await new TranscriptTailer(path).readNew();
    expect(summary.brokenLines).toBe(1);
    expect(summary.firstBrokenLine).toBe(2);
    expect(summary.usage.output).toBe(11);
    expect(summary.lastAssistantText).toBe('answer 2');
  });

  it('numbers the first broken line from the top of the file, also when the tail was read first', async () => {
    const path = join(dir, 't.jsonl');
    const lines: string[] = [];
    for (let i = 1; i <= 400; i++) lines.push(i === 120 || i === 390 ? '{"type":"user", broken' : assistantLine(i, 1));
    await writeFile(path, `${lines.join('\n')}\n`);
    const tailer = new TranscriptTailer(path, { maxInitialBytes: 4096, chunkBytes: 1024 });
    const first = (await tailer.readNew()).summary;
    expect(first.fullScanDone).toBe(false);
    expect(first.brokenLines).toBe(1); // only the one in the tail so far
    expect(first.firstBrokenLine).toBeNull(); // its number is not known until the beginning is counted
    const full = await tailer.whenFullScanDone();
    expect(full.brokenLines).toBe(2);
    expect(full.firstBrokenLine).toBe(120);
  });

  it('a truncated file is read again from the start', async () => {
    const path = join(dir, 't.jsonl');
    await writeFile(path, `${assistantLine(1, 5)}\n${assistantLine(2, 6)}\n`);
    const tailer = new TranscriptTailer(path);
    expect((await tailer.readNew()).summary.usage.output).toBe(11);

    await truncate(path, 0);
    await writeFile(path, `${assistantLine(3, 9)}\n`);
    const r = await tailer.readNew();
    expect(r.truncatedOrReplaced).toBe(true);
    expect(r.summary.usage.output).toBe(9);
    expect(r.summary.lastAssistantText).toBe('answer 3');
  });

  it('a file replaced by another (new inode, larger) is read again from the start', async () => {
    const path = join(dir, 't.jsonl');
    await writeFile(path, `${assistantLine(1, 5)}\n`);
    const tailer = new TranscriptTailer(path);
    await tailer.readNew();

    const other = join(dir, 'other.jsonl');
    await writeFile(other, `${assistantLine(7, 70)}\n${assistantLine(8, 80)}\n`);
    await rename(other, path);
    const r = await tailer.readNew();
    expect(r.truncatedOrReplaced).toBe(true);
    expect(r.summary.usage.output).toBe(150);
  });

  it('a file rewritten in place (same inode, not shorter) is noticed and read again', async () => {
    const path = join(dir, 't.jsonl');
    await writeFile(path, `${assistantLine(1, 5)}\n`);
    const tailer = new TranscriptTailer(path);
    await tailer.readNew();
    // writeFile truncates and rewrites the same inode; the byte before our old offset is no longer a newline.
    await writeFile(path, `${assistantLine(1, 5, 'a much longer rewritten answer')}\n`);
    const r = await tailer.readNew();
    expect(r.truncatedOrReplaced).toBe(true);
    expect(r.summary.usage.output).toBe(5);
    expect(r.summary.lastAssistantText).toBe('a much longer rewritten answer');
  });

  it('a missing file gives an empty summary, not an error', async () => {
    const tailer = new TranscriptTailer(join(dir, 'nope.jsonl'));
    const r = await tailer.readNew();
    expect(r.newBytes).toBe(0);
    expect(r.summary.lastActivityAt).toBeNull();
  });

  it('a large transcript answers from its tail first, counts the rest in the background, then reads only appends', async () => {
    // ~30 MB of generated lines (the real case is 200 MB; the mechanism is the same).
    const path = join(dir, 'big.jsonl');
    const filler = 'x'.repeat(400);
    let i = 0;
    while (i < 64_000) {
      const batch: string[] = [];
      for (let n = 0; n < 4000; n++, i++) {
        batch.push(i % 2 === 0 ? userLine(i, `prompt ${i} ${filler}`) : assistantLine(i, (i % 13) + 1, `answer ${i} ${filler}`));
      }
      await appendFile(path, `${batch.join('\n')}\n`);
    }
    // Independent total: odd lines are assistant lines with output (k % 13) + 1; user lines carry none.
    let expectedOutput = 0;
    for (let k = 1; k < i; k += 2) expectedOutput += (k % 13) + 1;
    const lastIndex = i - 1;

    const progress: number[] = [];
    const tailer = new TranscriptTailer(path, { onScanProgress: (p) => progress.push(p) });
    const first = await tailer.readNew();
    expect(first.summary.fullScanDone).toBe(false);
    expect(first.summary.scanProgress).toBeLessThan(0.5);
    expect(first.summary.lastActivityAt).toBe(ts(lastIndex));
    expect(first.summary.lastAssistantText).toBe(`answer ${lastIndex} ${filler}`);
    expect(first.summary.usage.output).toBeLessThan(expectedOutput);
    // Only the tail was read for the first answer.
    expect(first.newBytes).toBeLessThanOrEqual(4 * 1024 * 1024 + 1024);

    const full = await tailer.whenFullScanDone();
    expect(full.fullScanDone).toBe(true);
    expect(full.scanProgress).toBe(1);
    expect(full.usage.output).toBe(expectedOutput);
    expect(full.messageCount).toBe(i);
    expect(full.firstActivityAt).toBe(ts(0));
    expect(full.sessionId).toBe('big');
    expect(full.brokenLines).toBe(0);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(1);

    const appended = `${assistantLine(i, 1000, 'after the scan')}\n`;
    await appendFile(path, appended);
    const next = await tailer.readNew();
    expect(next.newBytes).toBe(Buffer.byteLength(appended));
    expect(next.summary.usage.output).toBe(expectedOutput + 1000);
    expect(next.summary.lastAssistantText).toBe('after the scan');
  });

  it('a last turn that does not fit the first small window is read from the larger tail, never answered without its prompt', async () => {
    const path = join(dir, 'huge-tool.jsonl');
    const lines: string[] = [];
    for (let k = 0; k < 4000; k++) lines.push(k % 2 === 0 ? userLine(k, `old prompt ${k} ${'o'.repeat(200)}`) : assistantLine(k, 1, `old answer ${k} ${'o'.repeat(200)}`));
    // The last turn: a prompt, then 200 KB of tool result lines with no prompt or assistant text in them.
    lines.push(userLine(5000, 'the last prompt'));
    const toolResult = (k: number) =>
      JSON.stringify({ type: 'user', sessionId: 'big', cwd: '/work/big', timestamp: ts(5001 + k), message: { content: [{ type: 'tool_result', tool_use_id: `t${k}`, content: 'r'.repeat(2000) }] } });
    for (let k = 0; k < 100; k++) lines.push(toolResult(k));
    await writeFile(path, `${lines.join('\n')}\n`);
    const first = await new TranscriptTailer(path).readNew();
    expect(first.summary.lastUserPromptText).toBe('the last prompt');
    expect(first.summary.lastActivityAt).toBe(ts(5100));
    expect(first.summary.fullScanDone).toBe(false);
  });

  it('a last turn inside the small window answers the same as the large tail would', async () => {
    const path = join(dir, 'small-turn.jsonl');
    const lines: string[] = [];
    for (let k = 0; k < 6000; k++) lines.push(k % 2 === 0 ? userLine(k, `prompt ${k} ${'p'.repeat(200)}`) : assistantLine(k, 1, `answer ${k}`));
    await writeFile(path, `${lines.join('\n')}\n`);
    const small = await new TranscriptTailer(path).readNew();
    const large = await new TranscriptTailer(path, { firstWindowBytes: 512 * 1024 }).readNew();
    expect(small.newBytes).toBeLessThanOrEqual(64 * 1024);
    expect(large.newBytes).toBeGreaterThan(400 * 1024);
    for (const key of ['lastUserPromptText', 'lastAssistantText', 'lastActivityAt', 'turnInProgress', 'openToolUses'] as const) {
      expect(small.summary[key]).toEqual(large.summary[key]);
    }
  });

  it('lines appended while the background count runs are counted once', async () => {
    const path = join(dir, 'mid.jsonl');
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++) lines.push(assistantLine(k, 1, `a${k} ${'y'.repeat(300)}`));
    await writeFile(path, `${lines.join('\n')}\n`);
    const tailer = new TranscriptTailer(path, { maxInitialBytes: 64 * 1024, chunkBytes: 16 * 1024 });
    const first = await tailer.readNew();
    expect(first.summary.fullScanDone).toBe(false);
    await appendFile(path, `${assistantLine(5000, 10)}\n`);
    await tailer.readNew();
    const done = await tailer.whenFullScanDone();
    expect(done.usage.output).toBe(2010);
    expect(done.messageCount).toBe(2001);
  });

  it('the real fixture read tail-first gives the same summary as a plain read', async () => {
    const plain = await new TranscriptTailer(fixturePath('subagent')).readNew();
    const tailFirst = new TranscriptTailer(fixturePath('subagent'), { maxInitialBytes: 20_000, chunkBytes: 8192 });
    await tailFirst.readNew();
    expect(await tailFirst.whenFullScanDone()).toEqual(plain.summary);
  });
});
