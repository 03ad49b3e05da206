import { configValue } from '../git/config';
import type { SecretStore } from '../linear/linearKeyStore';
import { GithubClient } from './githubClient';
import { apiBaseUrlFor, parseGithubRemote } from './githubRemote';
import { findGithubToken } from './githubToken';

export type GithubConnection = { ok: true; client: GithubClient; tokenSource: string } | { ok: false; reason: string };

/**
 * The GitHub repository behind a worktree, from its `remote.origin.url`, with a token. Every way
 * it cannot work comes back as one sentence for the person (no remote: merge locally; not a
 * GitHub URL; no token: where to put one).
 */
export async function connectGithub(
  cwd: string,
  options: { store: SecretStore; apiBaseUrl?: string | null; cliToken?: (host: string) => Promise<string | null> },
): Promise<GithubConnection> {
  const url = await configValue(cwd, 'remote.origin.url');
  if (!url) return { ok: false, reason: 'This repository has no origin remote: merges stay local.' };
  const repo = parseGithubRemote(url);
  if (!repo) return { ok: false, reason: `origin (${url}) is not a GitHub repository URL: merges stay local.` };
  const token = await findGithubToken(options.store, repo.host, options.cliToken);
  if (!token) return { ok: false, reason: `No GitHub token for ${repo.host}: set GITHUB_TOKEN, save one in Settings, or log in with \`gh auth login\`.` };
  return { ok: true, client: new GithubClient(repo, { token: token.token, baseUrl: apiBaseUrlFor(repo.host, options.apiBaseUrl ?? null) }), tokenSource: token.source };
}
