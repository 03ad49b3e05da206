import { configValue } from '../git/config';
import type { SecretStore } from '../linear/linearKeyStore';
import { GithubClient } from './githubClient';
import { githubEndpoint } from '../../../shared/domain/githubEndpoint';
import { parseGithubRemote } from './githubRemote';
import { findGithubToken } from './githubToken';

export type GithubConnection = { ok: true; client: GithubClient; tokenSource: string } | { ok: false; reason: string };

/**
 * The GitHub repository behind a worktree, from its `remote.origin.url`, with a token. Every way
 * it cannot work comes back as one sentence for the person (no remote: merge locally; not a
 * GitHub URL; no token: where to put one).
 */
export async function connectGithub(
  cwd: string,
  options: {
    store: SecretStore;
    /** SWITCHYARD_GITHUB_API_URL (trusted: whoever started the process chose it). */
    apiBaseUrl?: string | null;
    /** Settings → GitHub API URL and the URL the token was last given or confirmed for. */
    apiUrlSetting?: { url: string | null; confirmedFor: string | null };
    cliToken?: (host: string) => Promise<string | null>;
  },
): Promise<GithubConnection> {
  const url = await configValue(cwd, 'remote.origin.url');
  if (!url) return { ok: false, reason: 'This repository has no origin remote: merges stay local.' };
  const repo = parseGithubRemote(url);
  if (!repo) return { ok: false, reason: `origin (${url}) is not a GitHub repository URL: merges stay local.` };
  const endpoint = githubEndpoint({ envOverride: options.apiBaseUrl ?? null, setting: options.apiUrlSetting?.url ?? null, confirmedFor: options.apiUrlSetting?.confirmedFor ?? null, remoteHost: repo.host });
  // Checked before any token is read: a host the person has not confirmed gets none of them.
  if (!endpoint.tokenAllowed) return { ok: false, reason: endpoint.reason };
  const token = await findGithubToken(options.store, repo.host, options.cliToken);
  if (!token) return { ok: false, reason: `No GitHub token for ${repo.host}: set GITHUB_TOKEN, save one in Settings, or log in with \`gh auth login\`.` };
  return { ok: true, client: new GithubClient(repo, { token: token.token, baseUrl: endpoint.baseUrl }), tokenSource: token.source };
}

/** What every GitHub request of the app needs: where the token is and where it may go. */
export interface GithubSettings {
  store: SecretStore;
  /** SWITCHYARD_GITHUB_API_URL (GitHub Enterprise, the test server); wins over the Settings field. */
  apiBaseUrl: string | null;
  /** Settings → GitHub: the API URL and the one the token was confirmed for. */
  apiUrlSetting?: { url: string | null; confirmedFor: string | null };
}

/** connectGithub with the app's GitHub settings. */
export function connectWith(cwd: string, settings: GithubSettings): Promise<GithubConnection> {
  return connectGithub(cwd, { store: settings.store, apiBaseUrl: settings.apiBaseUrl, ...(settings.apiUrlSetting ? { apiUrlSetting: settings.apiUrlSetting } : {}) });
}
