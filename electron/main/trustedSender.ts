/**
 * True only for a frame of our own renderer: same scheme and host (with port) as the URL the window
 * loads, i.e. `switchyard://app` in a packaged build, electron-vite's loopback dev server otherwise.
 * Compared by parts because a custom scheme's `origin` is "null" in the WHATWG URL parser.
 */
export function isTrustedSenderUrl(url: string, trusted: { rendererUrl: string }): boolean {
  try {
    const sender = new URL(url);
    const ours = new URL(trusted.rendererUrl);
    return sender.protocol === ours.protocol && sender.host !== '' && sender.host === ours.host && sender.username === '' && sender.password === '';
  } catch {
    return false;
  }
}
