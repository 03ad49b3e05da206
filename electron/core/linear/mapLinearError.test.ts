import { parseLinearError } from '@linear/sdk';
import { describe, expect, it } from 'vitest';
import { mapLinearError } from './mapLinearError';
import { LinearRequestTimeoutError } from './requestTimeoutError';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

function sdkError(status: number, errors: unknown[] | undefined, headers: Record<string, string> = {}, error?: string): unknown {
  return parseLinearError({ response: { status, headers: new Headers(headers), ...(errors ? { errors } : {}), ...(error ? { error } : {}) } } as never);
}

const ext = (extensions: Record<string, unknown>, message = 'msg'): Record<string, unknown> => ({ message, extensions });

describe('mapLinearError', () => {
  const cases: { name: string; error: unknown; kind: string; until?: number }[] = [
    { name: '401 AUTHENTICATION_ERROR', error: sdkError(401, [ext({ type: 'authentication error', code: 'AUTHENTICATION_ERROR' })]), kind: 'bad-key' },
    { name: '400 with AUTHENTICATION_ERROR code', error: sdkError(400, [ext({ type: 'authentication error', code: 'AUTHENTICATION_ERROR' })]), kind: 'bad-key' },
    { name: '403 forbidden', error: sdkError(403, [ext({ type: 'forbidden', code: 'FORBIDDEN' })]), kind: 'no-access' },
    { name: '403 without body', error: sdkError(403, undefined, {}, 'Forbidden'), kind: 'no-access' },
    { name: 'feature not accessible', error: sdkError(400, [ext({ type: 'feature not accessible' })]), kind: 'no-access' },
    { name: 'issue not found', error: sdkError(200, [ext({ type: 'invalid input', code: 'INPUT_ERROR' }, 'Entity not found: Issue')]), kind: 'no-access' },
    { name: 'other invalid input', error: sdkError(200, [ext({ type: 'invalid input' }, 'Title is required.')]), kind: 'error' },
    {
      name: '429 with Retry-After seconds',
      error: sdkError(429, undefined, { 'retry-after': '30' }),
      kind: 'rate-limited',
      until: NOW + 30_000,
    },
    {
      name: '429 ratelimited type with reset in ms',
      error: sdkError(429, [ext({ type: 'ratelimited', code: 'RATELIMITED' })], { 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(NOW + 90_000) }),
      kind: 'rate-limited',
      until: NOW + 90_000,
    },
    {
      name: '400 RATELIMITED code only, reset in epoch seconds',
      error: sdkError(400, [ext({ code: 'RATELIMITED' })], { 'x-ratelimit-complexity-remaining': '0', 'x-ratelimit-complexity-reset': String((NOW + 120_000) / 1000) }),
      kind: 'rate-limited',
      until: NOW + 120_000,
    },
    { name: '400 RATELIMITED without any reset: a minute', error: sdkError(400, [ext({ code: 'RATELIMITED' })]), kind: 'rate-limited', until: NOW + 60_000 },
    { name: '500 internal error', error: sdkError(500, [ext({ type: 'internal error' })]), kind: 'linear-down' },
    { name: '502 html', error: sdkError(502, undefined, {}, '<html>Bad gateway</html>'), kind: 'linear-down' },
    { name: '503 html', error: sdkError(503, undefined, {}, 'Service Unavailable'), kind: 'linear-down' },
    { name: 'lock timeout', error: sdkError(200, [ext({ type: 'lock timeout' })]), kind: 'linear-down' },
    { name: 'graphql validation error', error: sdkError(400, [ext({ type: 'graphql error', code: 'GRAPHQL_VALIDATION_FAILED' })]), kind: 'error' },
    { name: '404 without body', error: sdkError(404, undefined, {}, 'Not found'), kind: 'error' },
    { name: 'fetch failed ECONNREFUSED', error: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }), kind: 'offline' },
    { name: 'socket closed', error: new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }), kind: 'offline' },
    { name: 'fetch failed, unknown cause', error: new TypeError('fetch failed'), kind: 'offline' },
    { name: 'our timeout', error: new LinearRequestTimeoutError(20_000), kind: 'offline' },
    { name: 'abort', error: Object.assign(new Error('aborted'), { name: 'AbortError' }), kind: 'offline' },
    { name: 'plain error', error: new Error('boom'), kind: 'error' },
    { name: 'not an error', error: 'boom', kind: 'error' },
  ];

  it.each(cases)('$name → $kind', ({ error, kind, until }) => {
    const state = mapLinearError(error, NOW);
    expect(state.kind).toBe(kind);
    expect(state.message.length).toBeGreaterThan(0);
    if (kind === 'rate-limited') expect(state.until).toBe(new Date(until ?? 0).toISOString());
    else expect(state.until).toBeNull();
  });
});
