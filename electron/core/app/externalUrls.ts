const ALLOWED_HOSTS = ['linear.app', 'github.com'];

/** shell.openExternal only for https links to hosts the app itself links to (architecture.md). */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return ALLOWED_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}
