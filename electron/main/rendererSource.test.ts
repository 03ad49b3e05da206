import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_ENTRY_URL, rendererUrlFor, resolveRendererPath } from './rendererSource';

describe('which URL the window may load', () => {
  it.each([
    ['packaged: the built renderer, whatever the environment says', true, 'http://localhost:5173/', RENDERER_ENTRY_URL],
    ['packaged, no dev server', true, undefined, RENDERER_ENTRY_URL],
    ['unpackaged: electron-vite dev server on loopback', false, 'http://localhost:5173/', 'http://localhost:5173/'],
    ['unpackaged: 127.0.0.1 dev server', false, 'http://127.0.0.1:5173', 'http://127.0.0.1:5173/'],
    ['unpackaged: a remote page never gets the bridge', false, 'https://evil.example/', RENDERER_ENTRY_URL],
    ['unpackaged: not http', false, 'file:///tmp/evil.html', RENDERER_ENTRY_URL],
    ['unpackaged: not a URL', false, 'localhost:5173', RENDERER_ENTRY_URL],
    ['unpackaged, no dev server', false, undefined, RENDERER_ENTRY_URL],
  ])('%s', (_label, isPackaged, dev, expected) => {
    expect(rendererUrlFor({ isPackaged, env: { ELECTRON_RENDERER_URL: dev } })).toBe(expected);
  });

  it('is the privileged custom scheme, not file:// (the grantFileProtocolExtraPrivileges fuse is off)', () => {
    expect(RENDERER_ENTRY_URL).toBe('switchyard://app/index.html');
  });
});

describe('a switchyard:// request resolves inside the renderer folder only', () => {
  const dir = join('/opt', 'Switchyard', 'resources', 'app.asar', 'out', 'renderer');
  it.each([
    ['switchyard://app/index.html', join(dir, 'index.html')],
    ['switchyard://app/', join(dir, 'index.html')],
    ['switchyard://app/assets/index-abc.js', join(dir, 'assets', 'index-abc.js')],
    ['switchyard://app/assets/a%20b.css', join(dir, 'assets', 'a b.css')],
    ['switchyard://app/assets/x.js?v=1#h', join(dir, 'assets', 'x.js')],
    // The URL parser folds ".." (plain or %2e%2e) before we see the path: both stay inside.
    ['switchyard://app/../../etc/passwd', join(dir, 'etc', 'passwd')],
    ['switchyard://app/%2e%2e/%2e%2e/secret.txt', join(dir, 'secret.txt')],
  ])('%s → %s', (url, expected) => {
    expect(resolveRendererPath(dir, url)).toBe(expected);
  });

  it.each([
    ['encoded slash dot-dot', 'switchyard://app/..%2f..%2fsecret.txt'],
    ['backslash', 'switchyard://app/..%5c..%5csecret.txt'],
    ['NUL byte', 'switchyard://app/index.html%00.js'],
    ['bad percent-encoding', 'switchyard://app/%E0%A4%A'],
    ['another host', 'switchyard://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', '::'],
  ])('refuses %s', (_label, url) => {
    expect(resolveRendererPath(dir, url)).toBeNull();
  });
});
