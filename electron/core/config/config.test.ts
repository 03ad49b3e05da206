import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLinearApiUrl } from '../../../shared/domain/linearEndpoint';
import { defaultSettings, SettingsPatch } from '../../../shared/domain/settings';
import { CliArgsError, parseCliArgs } from './parseCliArgs';
import { resolveClaudeHome, resolveDataDir } from './resolvePaths';
import { applySettingsPatch, confirmGithubToken, loadSettings, saveSettings } from './settingsFile';

const inputs = (over: Partial<Parameters<typeof resolveClaudeHome>[0]> = {}) => ({
  flagClaudeHome: null,
  flagDataDir: null,
  env: {},
  homedir: '/home/ada',
  platform: 'linux' as NodeJS.Platform,
  ...over,
});

describe('Claude home resolution', () => {
  it.each([
    ['flag wins over env', inputs({ flagClaudeHome: '/f', env: { CLAUDE_CONFIG_DIR: '/e' } }), { path: '/f', source: 'flag' }],
    ['env when no flag', inputs({ env: { CLAUDE_CONFIG_DIR: '/e' } }), { path: '/e', source: 'env' }],
    ['blank env is ignored', inputs({ env: { CLAUDE_CONFIG_DIR: '  ' } }), { path: '/home/ada/.claude', source: 'default' }],
    ['default under the home folder', inputs(), { path: '/home/ada/.claude', source: 'default' }],
  ])('%s', (_label, input, expected) => {
    expect(resolveClaudeHome(input)).toEqual(expected);
  });
});

describe('data folder resolution', () => {
  it.each([
    ['flag', inputs({ flagDataDir: '/data' }), '/data'],
    ['linux XDG', inputs({ env: { XDG_CONFIG_HOME: '/x' } }), '/x/switchyard'],
    ['linux default', inputs(), '/home/ada/.config/switchyard'],
    ['macOS', inputs({ platform: 'darwin' }), '/home/ada/Library/Application Support/Switchyard'],
  ])('%s', (_label, input, expected) => {
    expect(resolveDataDir(input)).toBe(expected);
  });
});

describe('command-line flags', () => {
  it('parses every documented flag', () => {
    expect(parseCliArgs(['--demo', '--port', '8123', '--claude-home', '/c', '--worktree-root', '/a', '--worktree-root', '/b', '--repo', '/r'])).toMatchObject({
      demo: true,
      port: 8123,
      claudeHome: '/c',
      worktreeRoots: ['/a', '/b'],
      repos: ['/r'],
    });
  });
  it.each([['--port', 'abc'], ['--port', '70000'], ['--bogus']])('rejects %s with a clear message', (...argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliArgsError);
  });
  it('--no-terminal turns terminal streaming off (on by default)', () => {
    expect(parseCliArgs([]).terminal).toBe(true);
    expect(parseCliArgs(['--no-terminal']).terminal).toBe(false);
  });
  it('tolerates Chromium switches in lenient (Electron) mode', () => {
    expect(parseCliArgs(['.', '--no-sandbox', '--demo'], { lenient: true }).demo).toBe(true);
  });
});

describe('settings file', () => {
  it('round-trips and survives a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sy-settings-'));
    const changed = applySettingsPatch(defaultSettings(), { repos: ['/r'], theme: 'light', linear: { writeBackMerged: true } });
    await saveSettings(dir, changed);
    const loaded = await loadSettings(dir);
    expect(loaded.warning).toBeNull();
    expect(loaded.settings).toEqual(changed);
    expect(loaded.settings.linear.writeBackStarted).toBe(false);
  });

  it('keeps a broken file aside instead of losing it, and starts with defaults', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sy-settings-'));
    await writeFile(join(dir, 'settings.json'), '{"repos": ["/r"],');
    const loaded = await loadSettings(dir);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.warning).toMatch(/not valid JSON/);
    const aside = (await readdir(dir)).find((f) => f.startsWith('settings.json.broken-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe('{"repos": ["/r"],');
  });

  it('keeps the valid fields of a partly invalid file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sy-settings-'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ repos: ['/keep'], theme: 'neon' }));
    const loaded = await loadSettings(dir);
    expect(loaded.settings.repos).toEqual(['/keep']);
    expect(loaded.settings.theme).toBe('system');
    expect(loaded.warning).toMatch(/theme/);
  });

  it('puts a saved Linear endpoint off Linear back to Linear, keeps the rest of the Linear settings, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sy-settings-'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ repos: ['/keep'], linear: { apiUrl: 'http://127.0.0.1:9999/graphql', teamId: 'team-1' } }));
    const loaded = await loadSettings(dir);
    expect(loaded.settings.linear).toMatchObject({ apiUrl: 'https://api.linear.app/graphql', teamId: 'team-1' });
    expect(loaded.settings.repos).toEqual(['/keep']);
    expect(loaded.warning).toMatch(/127\.0\.0\.1:9999.*not Linear's/);
  });
});

describe('GitHub API URL setting', () => {
  it('refuses http and credentials over settings.update, accepts https Enterprise roots', () => {
    expect(SettingsPatch.safeParse({ github: { apiUrl: 'http://127.0.0.1:4000' } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ github: { apiUrl: 'https://u:p@ghe.example/api/v3' } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ github: { apiUrl: 'https://ghe.example/api/v3' } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ github: { apiUrl: null } }).success).toBe(true);
    // The confirmation is not the renderer's to set.
    expect(SettingsPatch.strict().safeParse({ github: { apiUrl: 'https://ghe.example/api/v3', tokenConfirmedFor: 'https://ghe.example/api/v3' } }).success).toBe(false);
  });

  it('a changed URL drops the token confirmation; the same URL (another spelling) keeps it; clearing goes back to the remote', () => {
    const set = applySettingsPatch(defaultSettings(), { github: { apiUrl: 'https://ghe.example/api/v3' } });
    expect(set.github).toEqual({ apiUrl: 'https://ghe.example/api/v3', tokenConfirmedFor: null });
    const confirmed = confirmGithubToken(set);
    expect(confirmed.github.tokenConfirmedFor).toBe('https://ghe.example/api/v3');
    expect(applySettingsPatch(confirmed, { github: { apiUrl: 'https://GHE.example/api/v3/' } }).github.tokenConfirmedFor).toBe('https://ghe.example/api/v3');
    expect(applySettingsPatch(confirmed, { github: { apiUrl: 'https://other.example/api/v3' } }).github).toEqual({ apiUrl: 'https://other.example/api/v3', tokenConfirmedFor: null });
    expect(applySettingsPatch(confirmed, { theme: 'dark' }).github.tokenConfirmedFor).toBe('https://ghe.example/api/v3');
    expect(applySettingsPatch(confirmed, { github: { apiUrl: null } }).github).toEqual({ apiUrl: null, tokenConfirmedFor: null });
  });

  it('drops a saved http URL planted in the file, with its confirmation, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sy-settings-'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ repos: ['/keep'], github: { apiUrl: 'http://10.0.0.9/api/v3', tokenConfirmedFor: 'http://10.0.0.9/api/v3' } }));
    const loaded = await loadSettings(dir);
    expect(loaded.settings.github).toEqual({ apiUrl: null, tokenConfirmedFor: null });
    expect(loaded.settings.repos).toEqual(['/keep']);
    expect(loaded.warning).toMatch(/10\.0\.0\.9.*was dropped/);
  });

  it('cost profile: capped by default, saved and read back', async () => {
    expect(defaultSettings().costProfile).toBe('capped');
    const dir = await mkdtemp(join(tmpdir(), 'sy-settings-'));
    await saveSettings(dir, applySettingsPatch(defaultSettings(), { costProfile: 'unlimited' }));
    expect((await loadSettings(dir)).settings.costProfile).toBe('unlimited');
    expect(SettingsPatch.safeParse({ costProfile: 'infinite' }).success).toBe(false);
  });
});

describe('Linear endpoint rule', () => {
  it.each([
    ['https://api.linear.app/graphql', true],
    ['https://API.LINEAR.APP/graphql', true],
    ['http://api.linear.app/graphql', false],
    ['https://api.linear.app:8443/graphql', false],
    ['https://user@api.linear.app/graphql', false],
    ['https://api.linear.app.evil.example/graphql', false],
    ['https://evil.example/api.linear.app', false],
    ['http://127.0.0.1:4000/graphql', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isLinearApiUrl(url)).toBe(allowed);
  });
});
