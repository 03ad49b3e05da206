import { describe, expect, it } from 'vitest';
import { tokenFromProtocols } from './serveSecurity';

describe('the token from Sec-WebSocket-Protocol', () => {
  it.each([
    ['the page offers the public name and the token', 'switchyard.v1, switchyard.token.abc_-1', 'abc_-1'],
    ['no spaces', 'switchyard.v1,switchyard.token.abc', 'abc'],
    ['repeated headers', ['switchyard.v1', 'switchyard.token.abc'], 'abc'],
    ['only the public name', 'switchyard.v1', null],
    ['no header', undefined, null],
    ['junk', ',,,;;%E0%A4%A', null],
    ['an empty token', 'switchyard.token.', ''],
  ])('%s', (_label, header, expected) => {
    expect(tokenFromProtocols(header)).toBe(expected);
  });
});
