import { describe, expect, it } from 'vitest';
import { githubEndpoint, isGithubApiUrl, normalizeGithubApiUrl } from './githubEndpoint';

describe('isGithubApiUrl: what a Settings change may point the token at', () => {
  it.each([
    ['https://ghe.corp.example/api/v3', true],
    ['https://ghe.corp.example:8443/api/v3/', true],
    ['https://api.github.com', true],
    ['http://ghe.corp.example/api/v3', false],
    ['http://127.0.0.1:4000', false],
    ['https://user:pw@ghe.corp.example/api/v3', false],
    ['https://token@ghe.corp.example/api/v3', false],
    ['https://ghe.corp.example/api/v3?x=1', false],
    ['https://ghe.corp.example/api/v3#frag', false],
    ['ftp://ghe.corp.example', false],
    ['ghe.corp.example/api/v3', false],
    ['', false],
  ])('%s → %s', (url, ok) => {
    expect(isGithubApiUrl(url)).toBe(ok);
  });

  it('spells one URL one way: no trailing slash, lower-case scheme and host, path kept', () => {
    expect(normalizeGithubApiUrl(' HTTPS://GHE.Corp.Example/api/V3/ ')).toBe('https://ghe.corp.example/api/V3');
  });
});

describe('githubEndpoint', () => {
  const remote = { envOverride: null, setting: null, confirmedFor: null };
  it('follows the remote: api.github.com for github.com, /api/v3 on an Enterprise host', () => {
    expect(githubEndpoint({ ...remote, remoteHost: 'github.com' })).toEqual({ baseUrl: 'https://api.github.com', tokenAllowed: true, source: 'remote' });
    expect(githubEndpoint({ ...remote, remoteHost: 'ghe.corp.example' })).toEqual({ baseUrl: 'https://ghe.corp.example/api/v3', tokenAllowed: true, source: 'remote' });
  });

  it('lets SWITCHYARD_GITHUB_API_URL win, loopback http included (the person started the process with it)', () => {
    expect(githubEndpoint({ envOverride: 'http://127.0.0.1:4000/', setting: 'https://ghe.corp.example/api/v3', confirmedFor: null, remoteHost: 'github.com' })).toEqual({
      baseUrl: 'http://127.0.0.1:4000',
      tokenAllowed: true,
      source: 'env',
    });
  });

  it('sends no token to a Settings URL until it was confirmed for exactly that URL', () => {
    const unconfirmed = githubEndpoint({ envOverride: null, setting: 'https://ghe.corp.example/api/v3', confirmedFor: null, remoteHost: 'github.com' });
    expect(unconfirmed.tokenAllowed).toBe(false);
    expect(unconfirmed.tokenAllowed ? '' : unconfirmed.reason).toMatch(/not sent there until you save a token again or confirm/);
    const elsewhere = githubEndpoint({ envOverride: null, setting: 'https://evil.example/api/v3', confirmedFor: 'https://ghe.corp.example/api/v3', remoteHost: 'github.com' });
    expect(elsewhere.tokenAllowed).toBe(false);
    const confirmed = githubEndpoint({ envOverride: null, setting: 'https://GHE.corp.example/api/v3/', confirmedFor: 'https://ghe.corp.example/api/v3', remoteHost: 'github.com' });
    expect(confirmed).toEqual({ baseUrl: 'https://ghe.corp.example/api/v3', tokenAllowed: true, source: 'settings' });
  });
});
