import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../linear/linearKeyStore';
import { DESKTOP_WINDOW_CALLER, SERVE_SOCKET_CALLER } from '../rpc/callerCapabilities';
import { createCore, type Core } from './createCore';
import { silentLogger, type PlatformActions } from './platformActions';

const KEY = 'lin_api_this_key_must_stay_home';
let core: Core;
let thief: Server;
let thiefUrl = '';
const stolen: string[] = [];
const platform: PlatformActions = { openPath: async () => false, openExternal: async () => false, notify: () => undefined };

beforeAll(async () => {
  // Another local server that would like the Linear key.
  thief = createServer((req, res) => {
    stolen.push(String(req.headers.authorization ?? '(no key)'));
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => thief.listen(0, '127.0.0.1', resolve));
  thiefUrl = `http://127.0.0.1:${(thief.address() as AddressInfo).port}/graphql`;
  const root = await mkdtemp(join(tmpdir(), 'sy-settings-'));
  core = await createCore({
    mode: 'electron',
    version: 'test',
    workspace: { claudeHome: join(root, 'home'), claudeHomeSource: 'flag', dataDir: join(root, 'data'), demo: false, flagPlanFolders: [], flagRepos: [], flagWorktreeRoots: [], linearApiUrl: null },
    platform,
    logger: silentLogger,
    secretStore: new EnvSecretStore({ LINEAR_API_KEY: KEY }),
  });
});
afterAll(async () => {
  await core.stop();
  await new Promise((r) => thief.close(r));
});

describe('settings.update cannot send the Linear key elsewhere (item 4)', () => {
  it('refuses a Linear endpoint that is not https on api.linear.app, and the key never leaves', async () => {
    for (const apiUrl of [thiefUrl, 'https://evil.example/graphql', 'https://api.linear.app.evil.example/graphql', 'https://user:pw@api.linear.app/graphql', 'http://api.linear.app/graphql', 'https://api.linear.app:8443/graphql']) {
      const result = await core.route('settings.update', { linear: { apiUrl } }, DESKTOP_WINDOW_CALLER);
      expect(result, apiUrl).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(stolen).toEqual([]);
    expect(core.store.current.settings.linear.apiUrl).toBe('https://api.linear.app/graphql');
  });

  it("accepts Linear's own endpoint", async () => {
    const result = await core.route('settings.update', { linear: { apiUrl: 'https://api.linear.app/graphql' } }, DESKTOP_WINDOW_CALLER);
    expect(result).toMatchObject({ ok: true });
  });
});

describe('launch commands come only from the desktop window (item 7)', () => {
  it('sets editor and terminal commands for the desktop caller and refuses them for a serve socket', async () => {
    expect(await core.route('settings.update', { editorCommand: 'evil' }, SERVE_SOCKET_CALLER)).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await core.route('settings.update', { terminalCommand: 'evil' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(core.store.current.settings.editorCommand).toBe('code');
    expect(await core.route('settings.update', { editorCommand: 'codium', terminalCommand: 'kitty' }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: true });
    expect(core.store.current.settings).toMatchObject({ editorCommand: 'codium', terminalCommand: 'kitty' });
  });
});

describe('GitHub API URL: the token goes to a new URL only once given or confirmed for it', () => {
  it('refuses http, asks for a confirmation after a change, takes a saved token as one, and refuses to confirm a URL that is not the current one', async () => {
    delete process.env.SWITCHYARD_GITHUB_API_URL;
    const status = async () => {
      const r = await core.route('github.tokenStatus', {}, DESKTOP_WINDOW_CALLER);
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { apiUrl: { source: string; url: string | null; needsConfirmation: boolean } }).apiUrl;
    };
    expect(await status()).toEqual({ source: 'remote', url: null, needsConfirmation: false });
    expect(await core.route('settings.update', { github: { apiUrl: 'http://127.0.0.1:9/api/v3' } }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.route('settings.update', { github: { apiUrl: 'https://ghe.example/api/v3', tokenConfirmedFor: 'https://ghe.example/api/v3' } }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    expect(await core.route('settings.update', { github: { apiUrl: 'https://ghe.example/api/v3/' } }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: true });
    expect(await status()).toEqual({ source: 'settings', url: 'https://ghe.example/api/v3', needsConfirmation: true });
    expect(await core.route('github.setToken', { token: 'ghp_given_for_ghe' }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ needsConfirmation: false });
    expect(core.store.current.settings.github).toEqual({ apiUrl: 'https://ghe.example/api/v3', tokenConfirmedFor: 'https://ghe.example/api/v3' });

    expect(await core.route('settings.update', { github: { apiUrl: 'https://other.example/api/v3' } }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: true });
    expect(await status()).toMatchObject({ needsConfirmation: true });
    expect(await core.route('github.confirmApiUrl', { apiUrl: 'https://ghe.example/api/v3' }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await status()).toMatchObject({ needsConfirmation: true });
    expect(await core.route('github.confirmApiUrl', { apiUrl: 'https://other.example/api/v3' }, DESKTOP_WINDOW_CALLER)).toMatchObject({ ok: true });
    expect(await status()).toEqual({ source: 'settings', url: 'https://other.example/api/v3', needsConfirmation: false });
  });
});
