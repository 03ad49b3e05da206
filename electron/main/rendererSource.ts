import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where the window's page comes from, as pure rules (no `electron` import, so they are unit-tested).
 *
 * Packaged builds serve the renderer from `switchyard://app/`, a privileged custom protocol
 * (standard + secure), not from file://: the `grantFileProtocolExtraPrivileges` fuse is off, which
 * leaves file:// pages without the privileges module scripts need, and a custom scheme confines
 * what the page can read to the renderer folder.
 */
export const RENDERER_SCHEME = 'switchyard';
export const RENDERER_HOST = 'app';
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The URL the window loads. `ELECTRON_RENDERER_URL` (electron-vite's dev server) counts only in an
 * unpackaged build and only on loopback http(s): in a packaged app anyone who can set the
 * environment could otherwise hand any page the preload bridge.
 */
export function rendererUrlFor(input: { isPackaged: boolean; env: Record<string, string | undefined> }): string {
  const dev = input.env.ELECTRON_RENDERER_URL;
  if (input.isPackaged || !dev) return RENDERER_ENTRY_URL;
  try {
    const url = new URL(dev);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) return url.toString();
  } catch {
    // Not a URL: fall through to the built renderer.
  }
  return RENDERER_ENTRY_URL;
}

/**
 * The file under `rendererDir` that a `switchyard://app/...` request names, or null when the
 * request is for another host or scheme, does not decode, or would leave the folder.
 */
export function resolveRendererPath(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}
