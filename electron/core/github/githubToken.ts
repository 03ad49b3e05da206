import type { SecretStore } from '../linear/linearKeyStore';
import { ghCliToken } from './ghCliToken';

export type GithubTokenSource = 'saved' | 'env' | 'gh-cli';

/**
 * Finds a GitHub token the way the Linear key is found: the secret store first (safeStorage in
 * the desktop app, `GITHUB_TOKEN` in serve mode — an `EnvSecretStore` on that variable), then
 * the GitHub CLI's own login when gh exists. Null when there is none: PR features then say so.
 */
export async function findGithubToken(
  store: SecretStore,
  host: string,
  cli: (host: string) => Promise<string | null> = ghCliToken,
): Promise<{ token: string; source: GithubTokenSource } | null> {
  const saved = await store.get();
  if (saved) {
    const source = (await store.source?.()) === 'env' ? 'env' : 'saved';
    return { token: saved, source };
  }
  const fromCli = await cli(host);
  return fromCli ? { token: fromCli, source: 'gh-cli' } : null;
}
