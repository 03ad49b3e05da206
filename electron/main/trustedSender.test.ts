import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl } from './trustedSender';

describe('isTrustedSenderUrl: only our own renderer may call the contract', () => {
  const packaged = { rendererUrl: 'switchyard://app/index.html' };
  const dev = { rendererUrl: 'http://localhost:5173/' };

  it.each([
    ['the packaged entry', 'switchyard://app/index.html', packaged, true],
    ['another page of the packaged renderer', 'switchyard://app/index.html#merge', packaged, true],
    ['the dev server', 'http://localhost:5173/#sessions', dev, true],
    ['another host on our scheme', 'switchyard://evil/index.html', packaged, false],
    ['a file:// page (anything on disk)', 'file:///tmp/index.html', packaged, false],
    ['a remote page', 'https://evil.example/', packaged, false],
    ['the dev server port, another host', 'http://127.0.0.1:5173/', dev, false],
    ['another loopback port', 'http://localhost:5174/', dev, false],
    ['https instead of http', 'https://localhost:5173/', dev, false],
    ['credentials in the URL', 'http://user@localhost:5173/', dev, false],
    ['a frame with no URL yet', '', packaged, false],
    ['about:blank', 'about:blank', packaged, false],
    ['a data: URL', 'data:text/html,<script>1</script>', packaged, false],
    ['garbage', '::', packaged, false],
  ])('%s → %s', (_label, url, trusted, expected) => {
    expect(isTrustedSenderUrl(url, trusted)).toBe(expected);
  });
});
