/** The parts of the page the token hand-over touches; the real ones are window.location, sessionStorage, history. */
export interface TokenPage {
  readonly href: string;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  replaceUrl(url: string): void;
}

export const TOKEN_STORAGE_KEY = 'switchyard.token';
/** The server's tokens are base64url; anything else could not be a WebSocket subprotocol value. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Serve mode's credential lives in this tab only: the printed URL's `?token=` moves into
 * sessionStorage and leaves the address bar (and so history, bookmarks and any later Referer).
 * Not a cookie: cookies are per host, not per port, so every other server on 127.0.0.1 would get it.
 * Returns the token to present on the WebSocket, or null when this tab never had one.
 */
export function takeSessionToken(page: TokenPage): string | null {
  const url = new URL(page.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    page.replaceUrl(`${url.pathname}${url.search}${url.hash}`);
    if (TOKEN_SHAPE.test(fromUrl)) {
      page.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
      return fromUrl;
    }
  }
  const stored = page.storage.getItem(TOKEN_STORAGE_KEY);
  return stored !== null && TOKEN_SHAPE.test(stored) ? stored : null;
}
