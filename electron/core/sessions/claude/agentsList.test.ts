import { describe, expect, it } from 'vitest';
import { parseAgentsList } from './agentsList';
import { mergeLiveSources } from './mergeLiveSources';

describe('parseAgentsList (claude agents --json)', () => {
  it.each([
    ['an array', '[{"pid":41,"id":"a1","name":"snug-otter","status":"busy","state":"working","sessionId":"s-1","cwd":"/w/a","startedAt":"2026-12-01T10:00:00Z"}]', 1],
    ['an object with agents', '{"agents":[{"pid":41,"status":"waiting","state":"blocked"},{"pid":42,"status":"idle","state":"done"}]}', 2],
    ['an object with sessions', '{"sessions":[{"pid":43,"status":"idle"}]}', 1],
  ])('reads %s', (_what, out, count) => {
    const r = parseAgentsList(out);
    expect(r.error).toBeNull();
    expect(r.agents).toHaveLength(count);
  });

  it('keeps the fields, maps unknown statuses to unknown, skips entries without a pid and counts them', () => {
    const r = parseAgentsList('[{"pid":41,"status":"BUSY","sessionId":"s-1","cwd":"/w/a","name":"n"},{"pid":"x"},{"status":"idle"},{"pid":44,"status":"thinking","session_id":"s-4"}]');
    expect(r.agents).toEqual([
      { pid: 41, sessionId: 's-1', cwd: '/w/a', name: 'n', status: 'busy', state: null },
      { pid: 44, sessionId: 's-4', cwd: null, name: null, status: 'unknown', state: null },
    ]);
    expect(r.skipped).toBe(2);
  });

  it.each(['', 'Usage: claude [options]', '{"ok":true}', 'null'])('answers an error, never throws, for %j', (out) => {
    const r = parseAgentsList(out);
    expect(r.agents).toEqual([]);
    expect(r.error).not.toBeNull();
  });
});

describe('mergeLiveSources: the files are the truth, the CLI fills what they lack', () => {
  const file = { pid: 41, sessionId: 's-1', cwd: '/w/a', name: 'from-file', status: 'busy' as const, alive: true, warning: null };
  it('adds a session only the CLI knows, keeps the file where both know it', () => {
    const merged = mergeLiveSources([file], [
      { pid: 41, sessionId: 's-1', cwd: '/w/a', name: 'from-cli', status: 'idle', state: 'done' },
      { pid: 50, sessionId: 's-5', cwd: '/w/b', name: 'cli-only', status: 'waiting', state: 'blocked' },
    ]);
    expect(merged).toEqual([file, { pid: 50, sessionId: 's-5', cwd: '/w/b', name: 'cli-only', status: 'waiting', alive: true, warning: null }]);
  });
  it('fills a status the file does not carry (SDK-driven writers), never revives a dead pid', () => {
    const sdk = { ...file, status: 'unknown' as const, name: null };
    const dead = { ...file, pid: 42, alive: false, status: 'unknown' as const };
    const merged = mergeLiveSources([sdk, dead], [
      { pid: 41, sessionId: 's-1', cwd: '/w/a', name: 'cli', status: 'waiting', state: null },
      { pid: 42, sessionId: null, cwd: null, name: null, status: 'busy', state: null },
    ]);
    expect(merged[0]).toMatchObject({ status: 'waiting', name: 'cli' });
    expect(merged[1]).toEqual(dead);
  });
  it('no CLI answer: the files alone', () => {
    expect(mergeLiveSources([file], null)).toEqual([file]);
  });
});
