import { describe, expect, it } from 'vitest';
import { takeSessionToken, TOKEN_STORAGE_KEY, type TokenPage } from './sessionToken';

function page(href: string, stored: Record<string, string> = {}): TokenPage & { url: string; stored: Record<string, string> } {
  const p = {
    href,
    url: href,
    stored: { ...stored },
    storage: {
      getItem: (key: string) => p.stored[key] ?? null,
      setItem: (key: string, value: string) => {
        p.stored[key] = value;
      },
    },
    replaceUrl: (url: string) => {
      p.url = url;
    },
  };
  return p;
}

describe('the serve-mode token moves from the URL into this tab', () => {
  it('keeps the printed token in sessionStorage and takes it out of the address bar, keeping path and view', () => {
    const p = page('http://127.0.0.1:4000/?token=abc_DEF-123#merge');
    expect(takeSessionToken(p)).toBe('abc_DEF-123');
    expect(p.stored[TOKEN_STORAGE_KEY]).toBe('abc_DEF-123');
    expect(p.url).toBe('/#merge');
  });

  it('keeps other query parameters', () => {
    const p = page('http://127.0.0.1:4000/plans?x=1&token=abc');
    takeSessionToken(p);
    expect(p.url).toBe('/plans?x=1');
  });

  it('answers a reload (no token in the URL) from sessionStorage and leaves the URL alone', () => {
    const p = page('http://127.0.0.1:4000/#sessions', { [TOKEN_STORAGE_KEY]: 'abc' });
    expect(takeSessionToken(p)).toBe('abc');
    expect(p.url).toBe('http://127.0.0.1:4000/#sessions');
  });

  it('answers null in a tab that never had the token', () => {
    expect(takeSessionToken(page('http://127.0.0.1:4000/'))).toBeNull();
  });

  it('refuses a token that could not be a WebSocket subprotocol value, and still clears it from the URL', () => {
    const p = page('http://127.0.0.1:4000/?token=a%20b%2Cc', { [TOKEN_STORAGE_KEY]: 'older' });
    expect(takeSessionToken(p)).toBe('older');
    expect(p.url).toBe('/');
    expect(takeSessionToken(page('http://127.0.0.1:4000/', { [TOKEN_STORAGE_KEY]: 'bad value' }))).toBeNull();
  });
});
