/** Linear's GraphQL endpoint: the only one the Linear key is sent to unless `--linear-api-url` says otherwise. */
export const LINEAR_API_URL = 'https://api.linear.app/graphql';
const LINEAR_API_HOST = 'api.linear.app';

/**
 * True for an https URL on Linear's API host (default port, no credentials in it). A settings
 * change can only choose such a URL: anything else would send the key to whoever listens there.
 * A local test endpoint is reachable only through the `--linear-api-url` flag.
 */
export function isLinearApiUrl(value: string): boolean {
  // No port, no user:password@, nothing after the host but a path, query or fragment.
  const m = /^https:\/\/([^/?#@:]+)(?:[/?#][^\s]*)?$/i.exec(value.trim());
  return m?.[1]?.toLowerCase() === LINEAR_API_HOST;
}

export const LINEAR_API_URL_RULE = `must be https on ${LINEAR_API_HOST} (another endpoint only through --linear-api-url)`;
