import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TranscriptAccumulator } from './transcriptAccumulator';
import { parseTranscriptLine } from './transcriptLine';

describe('parseTranscriptLine', () => {
  it('broken JSON, non-objects and blank lines are told apart', () => {
    expect(parseTranscriptLine('{"type":"user",')).toEqual({ kind: 'broken' });
    expect(parseTranscriptLine('[1,2]')).toEqual({ kind: 'broken' });
    expect(parseTranscriptLine('42')).toEqual({ kind: 'broken' });
    expect(parseTranscriptLine('   ')).toEqual({ kind: 'blank' });
    expect(parseTranscriptLine('{"type":"user"}\r').kind).toBe('user');
  });

  it('an unknown type is reported with its name; a missing type as (none)', () => {
    expect(parseTranscriptLine('{"type":"hologram","timestamp":"t"}')).toMatchObject({ kind: 'unknown', type: 'hologram' });
    expect(parseTranscriptLine('{"foo":1}')).toMatchObject({ kind: 'unknown', type: '(none)' });
  });

  it('assistant usage is read with the cache split; an unsplit cache write counts as 5-minute', () => {
    const split = parseTranscriptLine(
      JSON.stringify({
        type: 'assistant',
        requestId: 'r',
        message: {
          id: 'm',
          model: 'claude-opus-4-6',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} }],
          usage: {
            input_tokens: 3,
            output_tokens: 13,
            cache_creation_input_tokens: 100,
            cache_read_input_tokens: 7,
            cache_creation: { ephemeral_5m_input_tokens: 40, ephemeral_1h_input_tokens: 60 },
          },
        },
      }),
    );
    expect(split).toMatchObject({
      kind: 'assistant',
      messageId: 'm',
      requestId: 'r',
      toolUseIds: ['toolu_1'],
      usage: { input: 3, output: 13, cacheWrite5m: 40, cacheWrite1h: 60, cacheRead: 7 },
    });
    const unsplit = parseTranscriptLine(
      '{"type":"assistant","message":{"usage":{"input_tokens":1,"cache_creation_input_tokens":50}}}',
    );
    expect(unsplit).toMatchObject({ usage: { cacheWrite5m: 50, cacheWrite1h: 0 } });
  });

  it('tool results, interrupts, injected text and local command output are not prompts', () => {
    const user = (content: unknown, extra: Record<string, unknown> = {}) =>
      parseTranscriptLine(JSON.stringify({ type: 'user', message: { content }, ...extra }));
    expect(user('fix the bug')).toMatchObject({ promptText: 'fix the bug' });
    expect(user([{ type: 'tool_result', tool_use_id: 't1', content: 'x' }])).toMatchObject({
      promptText: null,
      toolResultIds: ['t1'],
    });
    expect(user([{ type: 'text', text: '[Request interrupted by user]' }])).toMatchObject({ interrupted: true });
    expect(user('skill body', { isMeta: true })).toMatchObject({ promptText: null });
    expect(user('<local-command-stdout>ok</local-command-stdout>')).toMatchObject({ localCommandOutput: true });
    expect(user('<command-name>/model</command-name>\n<command-args></command-args>')).toMatchObject({ promptText: '/model' });
  });

  it('property: arbitrary garbage lines never throw, and an accumulator fed them never throws', () => {
    const jsonish = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      // Objects with the real keys but random values: the worst case for a tolerant parser.
      fc
        .record({
          type: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'progress', 'custom-title'), fc.jsonValue()),
          message: fc.jsonValue(),
          subtype: fc.jsonValue(),
          timestamp: fc.jsonValue(),
          requestId: fc.jsonValue(),
          isMeta: fc.jsonValue(),
        })
        .map((o) => JSON.stringify(o)),
      fc.string().map((s) => `{"type":"assistant","message":${s}`),
    );
    fc.assert(
      fc.property(fc.array(jsonish, { maxLength: 20 }), (lines) => {
        const acc = new TranscriptAccumulator();
        for (const text of lines) acc.add(parseTranscriptLine(text), text.length);
        const s = acc.summary();
        expect(Number.isFinite(s.costUsd)).toBe(true);
        expect(s.usage.input).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});
