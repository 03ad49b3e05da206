import { describe, expect, it } from 'vitest';
import { TranscriptSummary, type TokenUsage } from '../../../../shared/domain/claude';
import { FIXTURE_NAMES, fixtureText } from './fixtures.testutil';
import { TranscriptAccumulator } from './transcriptAccumulator';
import { parseTranscriptLine } from './transcriptLine';

function summarise(text: string) {
  const acc = new TranscriptAccumulator();
  for (const line of text.split('\n')) acc.add(parseTranscriptLine(line), Buffer.byteLength(line) + 1);
  return acc.summary();
}

/**
 * Independent count, written the plain way: keep the biggest usage object per (message.id, requestId)
 * in a Map, then add up. Shares no code with the accumulator.
 */
function independentUsage(text: string): TokenUsage {
  type RawUsage = {
    input_tokens?: number;
    output_tokens?: number;
    cache_creation_input_tokens?: number;
    cache_read_input_tokens?: number;
    cache_creation?: { ephemeral_5m_input_tokens?: number; ephemeral_1h_input_tokens?: number };
  };
  const size = (u: RawUsage) =>
    (u.input_tokens ?? 0) + (u.output_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
  const best = new Map<string, RawUsage>();
  for (const raw of text.split('\n').filter((l) => l.trim())) {
    const o = JSON.parse(raw) as { type?: string; requestId?: string; message?: { id?: string; usage?: RawUsage } };
    if (o.type !== 'assistant' || !o.message?.usage) continue;
    const key = `${o.message.id}|${o.requestId}`;
    const seen = best.get(key);
    if (!seen || size(o.message.usage) > size(seen)) best.set(key, o.message.usage);
  }
  return [...best.values()].reduce<TokenUsage>(
    (t, u) => ({
      input: t.input + (u.input_tokens ?? 0),
      output: t.output + (u.output_tokens ?? 0),
      cacheWrite5m: t.cacheWrite5m + (u.cache_creation?.ephemeral_5m_input_tokens ?? u.cache_creation_input_tokens ?? 0),
      cacheWrite1h: t.cacheWrite1h + (u.cache_creation?.ephemeral_1h_input_tokens ?? 0),
      cacheRead: t.cacheRead + (u.cache_read_input_tokens ?? 0),
    }),
    { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 },
  );
}

describe('TranscriptAccumulator on the real fixture transcripts', () => {
  it.each(FIXTURE_NAMES)('%s: token totals equal an independent Map-based count', (name) => {
    const text = fixtureText(name);
    const summary = summarise(text);
    expect(summary.usage).toEqual(independentUsage(text));
    // The summary is exactly the shared schema (what crosses IPC to the renderer).
    expect(TranscriptSummary.strict().parse(summary)).toEqual(summary);
  });

  it('short: one API response written as five lines counts once (checked by hand)', () => {
    // jq: select(.type=="assistant") | .message.usage → five identical copies for msg_01MKH1ccEGrZGNPvu8pYiiQa.
    const s = summarise(fixtureText('short'));
    expect(s.usage).toEqual({ input: 3, output: 13, cacheWrite5m: 0, cacheWrite1h: 13835, cacheRead: 11515 });
    // claude-opus-4-6 at $5/$25: 3×5 + 13×25 + 13835×10 + 11515×0.5 = 144 447.5 per million.
    expect(s.costUsd).toBeCloseTo(0.1444475, 9);
    expect(s.models).toEqual(['claude-opus-4-6']);
    expect(s.costUnknownModels).toEqual([]);
  });

  it('tool_heavy: a response re-written with more output tokens keeps the larger copy (checked by hand)', () => {
    // Four responses; msg …5jdsym appears with output 25 and later 173: 27 + 1 + 11 + 173 = 212.
    const s = summarise(fixtureText('tool_heavy'));
    expect(s.usage).toEqual({ input: 54, output: 212, cacheWrite5m: 0, cacheWrite1h: 17696, cacheRead: 88231 });
  });

  it('subagent: subagent tokens inside agent_progress lines are not added to the parent', () => {
    const s = summarise(fixtureText('subagent'));
    expect(s.models).toEqual(['claude-opus-4-6']);
    expect(s.usage.output).toBe(independentUsage(fixtureText('subagent')).output);
  });

  it('reads identity, last prompt, last answer and turn state like a user would see them', () => {
    const s = summarise(fixtureText('tool_heavy'));
    expect(s.sessionId).toBe('d6e0bada-1959-4eec-a9d2-0bfade768d8f');
    expect(s.cwd).toBe('/home/marco/projects/spotter');
    expect(s.slug).toBe('dazzling-imagining-barto');
    expect(s.gitBranch).toBe('master');
    expect(s.version).toBe('2.1.38');
    expect(s.lastUserPromptText).toBe(
      'scrolling back in xterm.js still does not work (maybe because outer web catches it)? websearch xterm.js tmux interactions',
    );
    // The session ended with "[Request interrupted by user]".
    expect(s.turnInProgress).toBe(false);
    expect(s.lastTurnEndedAt).not.toBeNull();
    expect(s.brokenLines).toBe(0);
    expect(s.unknownLineTypes).toEqual({});
    expect(s.firstActivityAt! <= s.lastActivityAt!).toBe(true);
  });

  it('a slash command prompt is shown as the command the user typed', () => {
    const lines = fixtureText('subagent').split('\n');
    const firstPrompt = lines.findIndex((l) => l.includes('"type":"user"'));
    const s = summarise(lines.slice(0, firstPrompt + 1).join('\n'));
    expect(s.lastUserPromptText).toMatch(/^\/handgemacht:create-beads websearch/);
  });

  it('subagent: the Stop hook summary ends the turn; the last answer text is kept', () => {
    const s = summarise(fixtureText('subagent'));
    expect(s.turnInProgress).toBe(false);
    expect(s.lastAssistantText).toBeTruthy();
    expect(s.lastAssistantText!.length).toBeLessThanOrEqual(2000);
  });
});

const base = { sessionId: 's1', cwd: '/w', timestamp: '2026-01-01T00:00:00.000Z' };
const line = (o: Record<string, unknown>) => parseTranscriptLine(JSON.stringify({ ...base, ...o }));
const prompt = (text: string, ts = base.timestamp) => line({ type: 'user', timestamp: ts, message: { role: 'user', content: text } });
const answer = (id: string, content: unknown[], usage: Record<string, unknown> = {}, model = 'claude-sonnet-4-5-20250929') =>
  line({ type: 'assistant', requestId: `req_${id}`, message: { id, model, content, usage } });

describe('TranscriptAccumulator turn state', () => {
  it('a prompt starts a turn and a turn_duration line ends it', () => {
    const acc = new TranscriptAccumulator();
    acc.add(prompt('do it'));
    expect(acc.summary().turnInProgress).toBe(true);
    acc.add(answer('m1', [{ type: 'text', text: 'done' }]));
    acc.add(line({ type: 'system', subtype: 'turn_duration', durationMs: 1200, timestamp: '2026-01-01T00:00:05.000Z' }));
    const s = acc.summary();
    expect(s.turnInProgress).toBe(false);
    expect(s.lastTurnEndedAt).toBe('2026-01-01T00:00:05.000Z');
    expect(s.lastAssistantText).toBe('done');
  });

  it('an open tool call makes awaitingPermission unknown, unless permissions are bypassed', () => {
    const acc = new TranscriptAccumulator();
    acc.add(prompt('run ls'));
    acc.add(answer('m1', [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} }]));
    expect(acc.summary().awaitingPermission).toBeNull();
    expect(acc.summary().openToolUses).toBe(1);
    acc.add(line({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] } }));
    expect(acc.summary().awaitingPermission).toBe(false);

    const bypass = new TranscriptAccumulator();
    bypass.add(line({ type: 'user', permissionMode: 'bypassPermissions', message: { content: 'go' } }));
    bypass.add(answer('m2', [{ type: 'tool_use', id: 'toolu_2', name: 'Bash', input: {} }]));
    expect(bypass.summary().awaitingPermission).toBe(false);
  });

  it('TASK_COMPLETE in assistant text is noticed; text blocks of one response are joined', () => {
    const acc = new TranscriptAccumulator();
    acc.add(answer('m1', [{ type: 'text', text: 'All tests pass.' }]));
    acc.add(answer('m1', [{ type: 'text', text: 'TASK_COMPLETE' }]));
    const s = acc.summary();
    expect(s.taskCompleteSeen).toBe(true);
    expect(s.lastAssistantText).toBe('All tests pass.\n\nTASK_COMPLETE');
  });

  it('a very long answer is trimmed to about 2000 characters, keeping its end', () => {
    const acc = new TranscriptAccumulator();
    acc.add(answer('m1', [{ type: 'text', text: `${'x'.repeat(5000)} THE END` }]));
    const text = acc.summary().lastAssistantText!;
    expect(text.length).toBe(2000);
    expect(text.endsWith('THE END')).toBe(true);
  });

  it('titles, unknown line types and broken lines are reported', () => {
    const acc = new TranscriptAccumulator();
    acc.add(line({ type: 'custom-title', customTitle: 'auth refactor' }));
    acc.add(line({ type: 'brand-new-thing' }));
    acc.add(line({ type: 'brand-new-thing' }));
    acc.add(parseTranscriptLine('{"type":"user", oops'));
    const s = acc.summary();
    expect(s.customTitle).toBe('auth refactor');
    expect(s.unknownLineTypes).toEqual({ 'brand-new-thing': 2 });
    expect(s.brokenLines).toBe(1);
  });

  it('models without a price are listed instead of being costed at 0', () => {
    const acc = new TranscriptAccumulator();
    acc.add(answer('m1', [], { input_tokens: 1_000_000 }, 'claude-haiku-4-5-20251001'));
    acc.add(answer('m2', [], { input_tokens: 10 }, 'gpt-something'));
    acc.add(answer('m3', [], {}, '<synthetic>'));
    const s = acc.summary();
    expect(s.costUsd).toBeCloseTo(1, 9);
    expect(s.costUnknownModels).toEqual(['gpt-something']);
    expect(s.models).toEqual(['claude-haiku-4-5-20251001', 'gpt-something']);
  });
});

describe('TranscriptAccumulator.absorbEarlier', () => {
  it.each(FIXTURE_NAMES)('%s: reading the end first and the beginning later gives the same summary', (name) => {
    const lines = fixtureText(name).split('\n');
    for (const cut of [1, Math.floor(lines.length / 3), Math.floor(lines.length / 2), lines.length - 2]) {
      const head = new TranscriptAccumulator();
      const tail = new TranscriptAccumulator();
      lines.forEach((l, i) => (i < cut ? head : tail).add(parseTranscriptLine(l), Buffer.byteLength(l) + 1));
      tail.absorbEarlier(head);
      expect(tail.summary()).toEqual(summarise(lines.join('\n')));
    }
  });
});
