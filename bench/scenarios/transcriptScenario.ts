import { appendFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { LineSplitter } from '../../electron/core/sessions/claude/lineSplitter';
import { TranscriptAccumulator } from '../../electron/core/sessions/claude/transcriptAccumulator';
import { parseTranscriptLine } from '../../electron/core/sessions/claude/transcriptLine';
import { TranscriptTailer } from '../../electron/core/sessions/claude/transcriptTailer';
import type { TranscriptSummary } from '../../shared/domain/claude';
import { median, round } from '../lib/stats';
import { generateBigTranscript } from '../world/generateWorld';

/**
 * Scenario 6: a big transcript. Switchyard's TranscriptTailer answers from the tail (last activity,
 * tokens so far) and counts the beginning in the background; the naive way parses the whole file on
 * every refresh. A later refresh must read only the appended bytes.
 */

export interface TranscriptRun {
  firstAnswerMs: number;
  fullScanMs: number;
  naiveFullParseMs: number;
  appendedBytes: number;
  refreshReadBytes: number;
  refreshMs: number;
  naiveRefreshReadBytes: number;
  tokensFirst: number;
  tokensFull: number;
  naiveTokens: number;
  lastActivityAt: string | null;
}

export interface TranscriptResult {
  sizeMb: number;
  generatedMs: number;
  runs: TranscriptRun[];
  summary: { firstAnswerMs: number; fullScanMs: number; naiveFullParseMs: number; refreshMs: number; refreshReadBytes: number; appendedBytes: number; tokensAgree: boolean };
}

const tokens = (s: TranscriptSummary): number => s.usage.input + s.usage.output + s.usage.cacheRead + s.usage.cacheWrite1h + s.usage.cacheWrite5m;

/** The naive way: read and parse every line of the file (same parser), as a refresh that re-reads everything would. */
export async function naiveFullParse(path: string): Promise<{ summary: TranscriptSummary; bytes: number }> {
  const acc = new TranscriptAccumulator();
  const splitter = new LineSplitter();
  const handle = await open(path, 'r');
  let bytes = 0;
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, bytes);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      splitter.push(buffer.subarray(0, bytesRead), (text, n) => acc.add(parseTranscriptLine(text), n));
    }
  } finally {
    await handle.close();
  }
  return { summary: acc.summary(), bytes };
}

function appendLines(path: string, k: number): number {
  const sessionId = randomUUID();
  const lines: string[] = [];
  for (let i = 0; i < 10; i++) {
    lines.push(
      JSON.stringify({
        parentUuid: null,
        isSidechain: false,
        type: 'assistant',
        sessionId,
        requestId: `req_append_${k}_${i}`,
        uuid: randomUUID(),
        timestamp: new Date().toISOString(),
        message: { model: 'claude-opus-4-5-20251101', id: `msg_append_${k}_${i}`, type: 'message', role: 'assistant', content: [{ type: 'text', text: `appended ${i}` }], usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
      }),
    );
  }
  const text = `${lines.join('\n')}\n`;
  appendFileSync(path, text);
  return Buffer.byteLength(text);
}

export async function runTranscriptScenario(options: { bytes: number; runs: number; log: (line: string) => void }): Promise<TranscriptResult> {
  const big = generateBigTranscript(options.bytes);
  options.log(`  transcript of ${Math.round(statSync(big.path).size / 1024 / 1024)} MB ${big.reused ? '(cached)' : `generated in ${big.ms} ms`}`);
  const runs: TranscriptRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    const tailer = new TranscriptTailer(big.path);
    const t0 = performance.now();
    const first = await tailer.readNew();
    const firstAnswerMs = performance.now() - t0;
    const tokensFirst = tokens(first.summary);
    const full = await tailer.whenFullScanDone();
    const fullScanMs = performance.now() - t0;
    const appendedBytes = appendLines(big.path, r);
    const t1 = performance.now();
    const again = await tailer.readNew();
    const refreshMs = performance.now() - t1;
    tailer.close();
    const t2 = performance.now();
    const naive = await naiveFullParse(big.path);
    const naiveFullParseMs = performance.now() - t2;
    runs.push({
      firstAnswerMs: round(firstAnswerMs, 1),
      fullScanMs: round(fullScanMs),
      naiveFullParseMs: round(naiveFullParseMs),
      appendedBytes,
      refreshReadBytes: again.newBytes,
      refreshMs: round(refreshMs, 2),
      naiveRefreshReadBytes: naive.bytes,
      tokensFirst,
      tokensFull: tokens(again.summary),
      naiveTokens: tokens(naive.summary),
      lastActivityAt: first.summary.lastActivityAt,
    });
    options.log(
      `    run ${r + 1}: first answer ${firstAnswerMs.toFixed(0)} ms (lastActivityAt ${first.summary.lastActivityAt ?? 'none'}, ${tokensFirst} tokens so far), full count ${Math.round(fullScanMs)} ms (${tokens(full)} tokens), refresh read ${again.newBytes} B of ${appendedBytes} appended; naive full parse ${Math.round(naiveFullParseMs)} ms`,
    );
  }
  const last = runs[runs.length - 1] as TranscriptRun;
  return {
    sizeMb: round(statSync(big.path).size / 1024 / 1024),
    generatedMs: big.ms,
    runs,
    summary: {
      firstAnswerMs: round(median(runs.map((r) => r.firstAnswerMs)), 1),
      fullScanMs: round(median(runs.map((r) => r.fullScanMs))),
      naiveFullParseMs: round(median(runs.map((r) => r.naiveFullParseMs))),
      refreshMs: round(median(runs.map((r) => r.refreshMs)), 2),
      refreshReadBytes: last.refreshReadBytes,
      appendedBytes: last.appendedBytes,
      tokensAgree: runs.every((r) => r.tokensFull === r.naiveTokens),
    },
  };
}
