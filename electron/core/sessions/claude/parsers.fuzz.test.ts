import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { parseLiveSessionFile } from './liveSessionFile';
import { TranscriptAccumulator } from './transcriptAccumulator';
import { parseTranscriptLine } from './transcriptLine';

/**
 * Fuzzing the two parsers that read files Claude Code writes while it runs (and may leave half
 * written): they never throw, and no single input holds the event loop for more than 50 ms.
 * SWITCHYARD_FUZZ_RUNS sets the number of runs per property (CI default 300).
 */
const RUNS = Number(process.env.SWITCHYARD_FUZZ_RUNS ?? 300);
const BUDGET_MS = 50;

/**
 * Time one input takes, in ms: the smaller of wall time (inflated when a busy machine deschedules the
 * process) and process CPU time (inflated by other threads), and timed again if over budget, so
 * neither a GC pause nor a loaded CI box is blamed on the parser.
 */
function timed(run: () => void): number {
  const once = (): number => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpu);
    return Math.min(performance.now() - start, (used.user + used.system) / 1000);
  };
  const first = once();
  return first <= BUDGET_MS ? first : Math.min(first, once());
}

const transcriptKeys = fc.record(
  {
    type: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'summary', 'progress', 'custom-title', 'ai-title', 'file-history-snapshot'), fc.jsonValue()),
    message: fc.oneof(
      fc.jsonValue(),
      fc.record({
        id: fc.oneof(fc.string(), fc.jsonValue()),
        model: fc.oneof(fc.constantFrom('claude-opus-4-5', 'claude-sonnet-4-5', '<synthetic>'), fc.string()),
        role: fc.jsonValue(),
        content: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constantFrom('text', 'tool_use', 'tool_result', 'thinking'), text: fc.string(), id: fc.string(), tool_use_id: fc.string() }))),
        usage: fc.oneof(fc.jsonValue(), fc.record({ input_tokens: fc.oneof(fc.integer(), fc.double(), fc.string()), output_tokens: fc.jsonValue(), cache_read_input_tokens: fc.jsonValue() })),
        stop_reason: fc.jsonValue(),
      }),
    ),
    subtype: fc.jsonValue(),
    timestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.jsonValue()),
    requestId: fc.jsonValue(),
    sessionId: fc.jsonValue(),
    cwd: fc.jsonValue(),
    gitBranch: fc.jsonValue(),
    isMeta: fc.jsonValue(),
    permissionMode: fc.jsonValue(),
    uuid: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

const transcriptLine = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.json(),
  transcriptKeys.map((o) => JSON.stringify(o)),
  // Half-written lines: a real line cut anywhere (Claude Code was killed mid-write).
  fc.tuple(transcriptKeys.map((o) => JSON.stringify(o)), fc.nat()).map(([line, cut]) => line.slice(0, cut % (line.length + 1))),
  // Hostile shapes: deep nesting, huge strings, many keys.
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 2000 }).map((depth) => `{"type":"assistant","message":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
  fc.integer({ min: 1, max: 1_000_000 }).map((n) => JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: 'x'.repeat(n) }] } })),
  // A tool result as one line can be large; thousands of keys is the worst plausible shape.
  fc.integer({ min: 1, max: 3000 }).map((n) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])))),
);

const liveFileName = fc.oneof(
  fc.nat({ max: 4_000_000 }).map((pid) => `${pid}.json`),
  fc.nat({ max: 4_000_000 }).map((pid) => `pid-${pid}.json`),
  fc.string({ maxLength: 40 }),
);

const liveFileText = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.json(),
  fc
    .record(
      {
        pid: fc.oneof(fc.integer(), fc.jsonValue()),
        sessionId: fc.jsonValue(),
        session_id: fc.jsonValue(),
        cwd: fc.jsonValue(),
        name: fc.jsonValue(),
        status: fc.oneof(fc.constantFrom('busy', 'idle', 'waiting', 'done'), fc.jsonValue()),
        statusUpdatedAt: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.jsonValue()),
        startedAt: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.jsonValue()),
        updatedAt: fc.jsonValue(),
        version: fc.jsonValue(),
        kind: fc.jsonValue(),
        entrypoint: fc.jsonValue(),
        procStart: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
        pidDomain: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .chain((o) => fc.nat().map((cut) => [JSON.stringify(o), cut] as const))
    .map(([text, cut]) => (cut % 4 === 0 ? text.slice(0, cut % (text.length + 1)) : text)),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `{"pid":1,"cwd":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.integer({ min: 1, max: 1_000_000 }).map((n) => JSON.stringify({ pid: 1, sessionId: 's', cwd: '/'.repeat(n) })),
  // Times a Date cannot hold (toISOString would throw).
  fc.oneof(fc.double(), fc.integer({ min: 8_640_000_000_000_000 - 10, max: Number.MAX_SAFE_INTEGER })).map((t) => JSON.stringify({ pid: 1, startedAt: t, updatedAt: t, statusUpdatedAt: t })),
);

describe('fuzz: transcript lines', () => {
  it(`never throws and never blocks more than ${BUDGET_MS} ms on one line (${RUNS} runs of 1–30 lines)`, () => {
    let slowest = 0;
    let slowestSize = 0;
    fc.assert(
      fc.property(fc.array(transcriptLine, { minLength: 1, maxLength: 30 }), (lines) => {
        const acc = new TranscriptAccumulator();
        for (const text of lines) {
          const ms = timed(() => acc.add(parseTranscriptLine(text), Buffer.byteLength(text)));
          if (ms > slowest) [slowest, slowestSize] = [ms, text.length];
          expect(ms, `line of ${text.length} chars starting ${JSON.stringify(text.slice(0, 60))}`).toBeLessThan(BUDGET_MS);
        }
        const summary = acc.summary();
        expect(Number.isFinite(summary.costUsd)).toBe(true);
        expect(summary.brokenLines).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
    console.log(`fuzz transcript: ${RUNS} runs, slowest line ${slowest.toFixed(1)} ms (${slowestSize} chars)`);
  }, 120_000 + RUNS * 200);
});

describe('fuzz: sessions/<pid>.json', () => {
  it(`never throws and never blocks more than ${BUDGET_MS} ms on one file (${RUNS} runs)`, () => {
    let slowest = 0;
    let slowestSize = 0;
    fc.assert(
      fc.property(liveFileName, liveFileText, (name, text) => {
        let record: ReturnType<typeof parseLiveSessionFile> = null;
        const ms = timed(() => {
          record = parseLiveSessionFile(`/h/sessions/${name}`, name, text);
        });
        if (ms > slowest) [slowest, slowestSize] = [ms, text.length];
        expect(ms).toBeLessThan(BUDGET_MS);
        if (record !== null) expect(typeof (record as { pid: number }).pid).toBe('number');
      }),
      { numRuns: RUNS * 3 },
    );
    console.log(`fuzz sessions/<pid>.json: ${RUNS * 3} runs, slowest file ${slowest.toFixed(1)} ms (${slowestSize} chars)`);
  }, 120_000 + RUNS * 200);
});
