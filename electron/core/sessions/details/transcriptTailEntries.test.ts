import { describe, expect, it } from 'vitest';
import { tailEntriesOfLine, trimText } from './transcriptTailEntries';

const at = '2026-02-10T10:00:00.000Z';
const line = (o: Record<string, unknown>) => JSON.stringify({ timestamp: at, ...o });

describe('tailEntriesOfLine', () => {
  it.each([
    ['a typed prompt', line({ type: 'user', message: { role: 'user', content: 'Fix the bug' } }), [{ at, role: 'user', text: 'Fix the bug' }]],
    ['a slash command', line({ type: 'user', message: { content: '<command-name>/go</command-name><command-args>CIA-1</command-args>' } }), [{ at, role: 'user', text: '/go CIA-1' }]],
    ['a tool result (left out)', line({ type: 'user', message: { content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] } }), []],
    ['injected meta text (left out)', line({ type: 'user', isMeta: true, message: { content: 'skill body' } }), []],
    ['an interrupt', line({ type: 'user', message: { content: [{ type: 'text', text: '[Request interrupted by user]' }] } }), [{ at, role: 'system', text: 'Interrupted by the user' }]],
    ['assistant text', line({ type: 'assistant', message: { content: [{ type: 'text', text: '  Done.  ' }] } }), [{ at, role: 'assistant', text: 'Done.' }]],
    ['a thinking block (left out)', line({ type: 'assistant', message: { content: [{ type: 'thinking', thinking: 'hmm' }] } }), []],
    ['a tool call', line({ type: 'assistant', message: { content: [{ type: 'tool_use', id: 't', name: 'Bash', input: { command: 'npm test' } }] } }), [{ at, role: 'tool', text: 'Bash: npm test' }]],
    ['a system line with words', line({ type: 'system', subtype: 'local_command', content: 'Compacted' }), [{ at, role: 'system', text: 'Compacted' }]],
    ['a turn_duration line (left out)', line({ type: 'system', subtype: 'turn_duration', durationMs: 5 }), []],
    ['a progress line (left out)', line({ type: 'progress', data: {} }), []],
    ['a broken line', '{"type":"user","mess', []],
    ['a JSON array', '[1,2]', []],
    ['a blank line', '   ', []],
  ])('%s', (_name, input, expected) => {
    expect(tailEntriesOfLine(input)).toEqual(expected);
  });

  it('trims long text with an ellipsis', () => {
    const text = trimText('x'.repeat(1000), 50);
    expect(text).toHaveLength(50);
    expect(text.endsWith('…')).toBe(true);
  });
});
