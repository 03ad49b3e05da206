import { describe, expect, it } from 'vitest';
import { RpcFailure } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/domain/settings';
import { createRequestRouter, type RequestHandlers } from './requestRouter';

const errors: string[] = [];
const logger = { error: (m: string) => errors.push(m) };

function handlers(overrides: Partial<RequestHandlers> = {}): RequestHandlers {
  // Only the requests these tests call; the router never touches the others.
  const base: Partial<RequestHandlers> = {
    'app.snapshot': () => {
      throw new Error('boom');
    },
    'settings.update': (patch) => ({ ...defaultSettings(), ...(patch.theme ? { theme: patch.theme } : {}) }),
    'workspace.openDemo': () => ({ root: '/r', claudeHome: '/r/.claude' }),
    'workspace.rescan': () => ({ sessions: 3 }),
    'shell.open': () => {
      throw new RpcFailure('unavailable', 'not in the browser');
    },
    'shell.openExternal': () => ({ opened: true }),
  };
  return { ...base, ...overrides } as RequestHandlers;
}

describe('request router (the contract at the core boundary)', () => {
  const route = createRequestRouter(handlers(), logger);

  it('answers a request name that cannot be turned into a string with a typed error (found by fuzzing)', async () => {
    expect(await route({ toString: 1 }, {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    expect(await route(Object.create(null), {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
  });

  it('passes the caller capabilities the transport gave, and the least when it gave none', async () => {
    const seen: boolean[] = [];
    const r = createRequestRouter(handlers({ 'workspace.rescan': (_req, caller) => (seen.push(caller.setsLaunchCommands), { sessions: 0 }) }), logger);
    await r('workspace.rescan', {}, { setsLaunchCommands: true });
    await r('workspace.rescan', {});
    expect(seen).toEqual([true, false]);
  });

  it('runs a valid request and returns its value', async () => {
    expect(await route('settings.update', { theme: 'light' })).toMatchObject({ ok: true, value: { theme: 'light' } });
  });

  it('rejects an unknown request name with a typed error', async () => {
    const result = await route('app.deleteEverything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
  });

  it.each([
    ['wrong type', { theme: 'purple' }],
    ['unknown field', { theme: 'dark', evil: true }],
    ['not an object', 'dark'],
    ['array where a list of strings belongs', { repos: [1, 2] }],
  ])('rejects a malformed payload (%s) without calling the handler', async (_label, payload) => {
    const result = await route('settings.update', payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.issues?.length).toBeGreaterThan(0);
    }
  });

  it('treats a missing payload as an empty one', async () => {
    expect(await route('workspace.rescan', undefined)).toEqual({ ok: true, value: { sessions: 3 } });
  });

  it('turns a handler crash into an internal error and keeps going', async () => {
    const result = await route('app.snapshot', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
    expect(errors.some((e) => e.includes('app.snapshot'))).toBe(true);
    expect(await route('workspace.rescan', {})).toMatchObject({ ok: true });
  });

  it('passes a handler refusal through with its own code and words', async () => {
    expect(await route('shell.open', { path: '/x', with: 'files' })).toEqual({ ok: false, error: { code: 'unavailable', message: 'not in the browser' } });
  });

  it('validates URLs in shell.openExternal', async () => {
    expect(await route('shell.openExternal', { url: 'not a url' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
