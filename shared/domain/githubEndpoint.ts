/**
 * Where the GitHub token may go. GitHub Enterprise lives on any host, so the Settings field cannot
 * be pinned to one host as Linear's is; instead a base URL from Settings must be https (no
 * credentials in it), and the token is sent to it only after the person gave a token, or
 * confirmed the one they have, for exactly that URL. A loopback http root (the test server) is
 * reachable only through `SWITCHYARD_GITHUB_API_URL`, which the person who starts the process sets.
 */

/** True for `https://host[:port][/path]` with no user:password@, query or fragment. Pure. */
export function isGithubApiUrl(value: string): boolean {
  return /^https:\/\/[^/?#@:\s]+(?::\d{1,5})?(?:\/[^\s?#]*)?$/i.test(value.trim());
}

export const GITHUB_API_URL_RULE = 'must be an https URL without user:password@, e.g. https://ghe.example.com/api/v3 (a local http server only through SWITCHYARD_GITHUB_API_URL)';

/** One spelling per URL, so a trailing slash or a capital in the host is not a "different host". Pure. */
export function normalizeGithubApiUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  const m = /^(https?:\/\/)([^/]+)(.*)$/i.exec(trimmed);
  return m ? `${(m[1] ?? '').toLowerCase()}${(m[2] ?? '').toLowerCase()}${m[3] ?? ''}` : trimmed;
}

export type GithubEndpoint =
  | { baseUrl: string; tokenAllowed: true; source: 'env' | 'settings' | 'remote' }
  | { baseUrl: string; tokenAllowed: false; source: 'settings'; reason: string };

/**
 * The REST root a repository's requests go to and whether its token may be sent there:
 * the env override wins (trusted: the person started the process with it), then the Settings
 * field (token only once confirmed for it), else the remote's own host (api.github.com for
 * github.com, `https://<host>/api/v3` for GitHub Enterprise Server). Pure.
 */
export function githubEndpoint(input: { envOverride: string | null; setting: string | null; confirmedFor: string | null; remoteHost: string }): GithubEndpoint {
  if (input.envOverride) return { baseUrl: input.envOverride.trim().replace(/\/+$/, ''), tokenAllowed: true, source: 'env' };
  if (input.setting) {
    const baseUrl = normalizeGithubApiUrl(input.setting);
    if (input.confirmedFor !== null && normalizeGithubApiUrl(input.confirmedFor) === baseUrl) return { baseUrl, tokenAllowed: true, source: 'settings' };
    return {
      baseUrl,
      tokenAllowed: false,
      source: 'settings',
      reason: `The GitHub API URL is now ${baseUrl}: your token is not sent there until you save a token again or confirm it for this URL (Settings → GitHub).`,
    };
  }
  return { baseUrl: input.remoteHost === 'github.com' ? 'https://api.github.com' : `https://${input.remoteHost}/api/v3`, tokenAllowed: true, source: 'remote' };
}
