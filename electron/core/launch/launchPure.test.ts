import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeArgs, claudeCommandLine, permissionModeFor } from './claudeCommand';
import { HookEndpoint, parseHookBody } from './hookEndpoint';
import { nameFromTranscript } from './claudeSessionName';
import { launchTarget } from './launchTarget';
import { Scrollback } from './scrollback';

describe('permissionModeFor', () => {
  it.each([
    ['Plan mode', 'plan'],
    ['Ask permissions', 'default'],
    ['Bypass permissions', 'bypassPermissions'],
    [null, 'default'],
  ] as const)('%s → --permission-mode %s', (launchAs, mode) => {
    expect(permissionModeFor(launchAs)).toBe(mode);
  });
});

describe('claudeArgs / claudeCommandLine', () => {
  it('passes the prompt as one argument after --, never through a shell', () => {
    expect(claudeArgs({ permissionMode: 'plan', settingsPath: '/d/s.json', prompt: '-rf $(whoami)' })).toEqual(['--permission-mode', 'plan', '--settings', '/d/s.json', '--', '-rf $(whoami)']);
    expect(claudeArgs({ permissionMode: 'default', settingsPath: '/d/s.json', prompt: '  ' })).toEqual(['--permission-mode', 'default', '--settings', '/d/s.json']);
  });
  it('writes the same command as a shell line, the prompt read from its file', () => {
    expect(claudeCommandLine('/w/my repo', { permissionMode: 'plan', settingsPath: '/d/s.json', prompt: 'x' }, '/d/prompt.md')).toBe(`cd '/w/my repo' && claude --permission-mode plan --settings /d/s.json -- "$(cat /d/prompt.md)"`);
  });
});

describe('launchTarget', () => {
  const row = { branch: null, agent: 'Claude Code', issueId: 'CIA-541', focus: 'Session exit skill', session: '1A' };
  it.each([
    [{ ...row, branch: 'claude/cia-541-exit' }, 'claude/cia-541-exit', '/h/worktrees/claude-command-centre-cia-541'],
    [row, 'claude/cia-541-session-exit-skill', '/h/worktrees/claude-command-centre-cia-541'],
    [{ ...row, branch: '  ' }, 'claude/cia-541-session-exit-skill', '/h/worktrees/claude-command-centre-cia-541'],
  ])('%o', (r, branch, path) => {
    expect(launchTarget(r, '/src/Claude-Command-Centre', '/h')).toEqual({ branch, worktreePath: path });
  });
});

describe('Scrollback', () => {
  it('keeps the most recent output within its limit, cut at a line start', () => {
    const s = new Scrollback(100);
    for (let i = 0; i < 50; i++) s.append(`line ${i}\r\n`);
    const text = s.text();
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.endsWith('line 49\r\n')).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
  });
});

describe('nameFromTranscript', () => {
  it('prefers a /rename title to the slug', () => {
    const lines = [
      JSON.stringify({ type: 'user', sessionId: 's', slug: 'fix-auth-snug-otter', message: { role: 'user', content: 'hi' } }),
      JSON.stringify({ type: 'custom-title', sessionId: 's', customTitle: 'auth race' }),
    ];
    expect(nameFromTranscript(lines.join('\n'))).toBe('auth race');
    expect(nameFromTranscript(lines[0] ?? '')).toBe('fix-auth-snug-otter');
    expect(nameFromTranscript('{"type":"user"')).toBeNull();
  });
});

describe('HookEndpoint', () => {
  let endpoint: HookEndpoint | null = null;
  afterEach(async () => {
    await endpoint?.stop();
  });

  function post(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('takes hook events only with the right token, host and no Origin', async () => {
    endpoint = new HookEndpoint();
    await endpoint.start();
    const calls: string[] = [];
    const hook = endpoint.register((c) => calls.push(`${c.event}:${c.notificationType ?? ''}`));
    const body = JSON.stringify({ session_id: 's', hook_event_name: 'Notification', notification_type: 'permission_prompt' });
    expect(await post(hook.url, body)).toBe(200);
    expect(await post(hook.url.replace(/[^/]+$/, 'x'.repeat(32)), body)).toBe(404);
    expect(await post(hook.url, body, { origin: 'http://evil.example' })).toBe(403);
    expect(await post(hook.url, body, { host: 'evil.example' })).toBe(403);
    expect(await post(hook.url, '{"nope":1}')).toBe(400);
    hook.release();
    expect(await post(hook.url, body)).toBe(404);
    expect(calls).toEqual(['Notification:permission_prompt']);
  });

  it('parseHookBody needs hook_event_name', () => {
    expect(parseHookBody({ hook_event_name: 'Stop', session_id: 'a', transcript_path: '/t.jsonl' })).toMatchObject({ event: 'Stop', sessionId: 'a', transcriptPath: '/t.jsonl' });
    expect(parseHookBody([])).toBeNull();
    expect(parseHookBody({ session_id: 'a' })).toBeNull();
  });
});
