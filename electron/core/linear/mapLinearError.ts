import {
  AuthenticationLinearError,
  FeatureNotAccessibleLinearError,
  ForbiddenLinearError,
  GraphqlLinearError,
  InternalLinearError,
  InvalidInputLinearError,
  LinearError,
  LockTimeoutLinearError,
  NetworkLinearError,
  RatelimitedLinearError,
  UsageLimitExceededLinearError,
} from '@linear/sdk';
import type { LinearConnectionState } from '../../../shared/domain/linear';
import { normaliseResetAt, parseRetryAfter, type HeaderSource } from './rateBudget';
import { LinearRequestTimeoutError } from './requestTimeoutError';

/** Every failure talking to Linear, as the connection state the UI shows (pure: `now` is passed in). */

const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function field(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
}

/** `extensions.code` / `extensions.type` of the raw GraphQL errors (the SDK drops `code`). */
function rawErrorTags(error: LinearError): string[] {
  const errors = field(field(error.raw, 'response'), 'errors');
  if (!Array.isArray(errors)) return [];
  const tags: string[] = [];
  for (const e of errors) {
    const ext = field(e, 'extensions');
    for (const k of ['code', 'type']) {
      const v = field(ext, k);
      if (typeof v === 'string') tags.push(v.toUpperCase());
    }
  }
  return tags;
}

function rawHeaders(error: LinearError): HeaderSource | null {
  const h = field(field(error.raw, 'response'), 'headers');
  return h && typeof field(h, 'get') === 'function' ? (h as HeaderSource) : null;
}

function networkCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = field(e, 'cause'), depth++) {
    const code = field(e, 'code');
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  }
  return null;
}

function firstMessage(error: LinearError): string {
  return error.errors?.[0]?.message ?? error.message;
}

/** When a rate limit lifts: the latest of Retry-After and the reset headers, else now + 60 s. */
export function rateLimitedUntil(error: LinearError, now: number): number {
  const candidates: number[] = [];
  if (error instanceof RatelimitedLinearError) {
    if (error.retryAfter !== undefined) candidates.push(now + error.retryAfter * 1000);
    const r = normaliseResetAt(error.requestsResetAt, now);
    const c = normaliseResetAt(error.complexityResetAt, now);
    // Only the exhausted budget's reset matters; when we cannot tell, take the later one.
    if (error.requestsRemaining === 0 && r !== null) candidates.push(r);
    else if (error.complexityRemaining === 0 && c !== null) candidates.push(c);
    else for (const t of [r, c]) if (t !== null) candidates.push(t);
  }
  const headers = rawHeaders(error);
  if (headers) {
    const ra = parseRetryAfter(headers.get('retry-after'), now);
    if (ra !== null) candidates.push(ra);
    const reqRemaining = headers.get('x-ratelimit-requests-remaining');
    const cxRemaining = headers.get('x-ratelimit-complexity-remaining');
    const r = normaliseResetAt(headers.get('x-ratelimit-requests-reset'), now);
    const c = normaliseResetAt(headers.get('x-ratelimit-complexity-reset'), now);
    if (reqRemaining === '0' && r !== null) candidates.push(r);
    if (cxRemaining === '0' && c !== null) candidates.push(c);
  }
  const future = candidates.filter((t) => t > now);
  return future.length ? Math.max(...future) : now + DEFAULT_RATE_LIMIT_WAIT_MS;
}

export function isRateLimitError(error: unknown): error is LinearError {
  if (!(error instanceof LinearError)) return false;
  if (error instanceof RatelimitedLinearError || error.status === 429) return true;
  return rawErrorTags(error).some((t) => t === 'RATELIMITED');
}

const state = (kind: LinearConnectionState['kind'], message: string, until: string | null = null): LinearConnectionState => ({
  kind,
  message,
  until,
});

export function mapLinearError(error: unknown, now: number): LinearConnectionState {
  if (error instanceof LinearRequestTimeoutError) return state('offline', error.message);
  if (isRateLimitError(error)) {
    const until = new Date(rateLimitedUntil(error, now)).toISOString();
    return state('rate-limited', `Linear rate limit reached; waiting until ${until}.`, until);
  }
  if (error instanceof LinearError) {
    const tags = rawErrorTags(error);
    const status = error.status;
    if (error instanceof AuthenticationLinearError) {
      if (status === 401 || tags.includes('AUTHENTICATION_ERROR') || tags.includes('AUTHENTICATION ERROR') || (error.errors?.length ?? 0) > 0) {
        return state('bad-key', `Linear rejected the API key: ${firstMessage(error)}`);
      }
      return state('error', `Linear replied HTTP ${status ?? '?'}: ${error.message}`);
    }
    if (error instanceof ForbiddenLinearError || error instanceof FeatureNotAccessibleLinearError) {
      return state('no-access', `No access in Linear: ${firstMessage(error)}`);
    }
    if (error instanceof InvalidInputLinearError) {
      const msg = firstMessage(error);
      if (/not found|could not find/i.test(msg)) return state('no-access', `Not found in Linear (or no access): ${msg}`);
      return state('error', `Linear refused the request: ${msg}`);
    }
    if (error instanceof InternalLinearError || error instanceof NetworkLinearError || error instanceof LockTimeoutLinearError) {
      return state('linear-down', `Linear is having trouble (HTTP ${status ?? '?'}): ${firstMessage(error)}`);
    }
    if (error instanceof UsageLimitExceededLinearError) return state('no-access', `Linear usage limit exceeded: ${firstMessage(error)}`);
    if (error instanceof GraphqlLinearError) return state('error', `Linear rejected Switchyard's query: ${firstMessage(error)}`);
    if (tags.includes('AUTHENTICATION_ERROR')) return state('bad-key', `Linear rejected the API key: ${firstMessage(error)}`);
    if (tags.includes('FORBIDDEN')) return state('no-access', `No access in Linear: ${firstMessage(error)}`);
    if (status !== undefined && status >= 500) return state('linear-down', `Linear is having trouble (HTTP ${status}).`);
    return state('error', `Linear error: ${firstMessage(error)}`);
  }
  const code = networkCode(error);
  if (code) return state('offline', `Cannot reach Linear (${code}).`);
  if (error instanceof TypeError && /fetch failed|network/i.test(error.message)) return state('offline', `Cannot reach Linear (${error.message}).`);
  const name = field(error, 'name');
  if (name === 'AbortError' || name === 'TimeoutError') return state('offline', 'The request to Linear timed out.');
  if (name === 'ZodError') return state('error', 'Linear sent a reply Switchyard does not understand.');
  if (error instanceof Error) return state('error', error.message);
  return state('error', 'Unknown error talking to Linear.');
}
