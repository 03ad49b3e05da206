import type { githubRequests } from '../../../../shared/contract/githubRequests';
import { RpcFailure } from '../../../../shared/contract/rpcResult';
import { normalizeGithubApiUrl } from '../../../../shared/domain/githubEndpoint';
import type { GithubSettings } from '../../github/connectGithub';
import { markQueuePullReady, mergeQueuePull, openQueuePull, queuePulls } from '../../github/queuePulls';
import { sessionFeedback, sessionsFeedback } from '../../github/sessionFeedback';
import { EnvSecretStore, type SecretStore } from '../../linear/linearKeyStore';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

/**
 * GitHub for merge queue entries. The token comes from `store` (safeStorage in the desktop app,
 * `GITHUB_TOKEN` in serve mode), else `gh auth token`; the API root from
 * `SWITCHYARD_GITHUB_API_URL` (the test server, trusted), else Settings → GitHub API URL (the
 * token goes there only once confirmed for it: `confirmToken`), else the remote's host.
 */
export function githubHandlers(
  ctx: CoreContext,
  store: SecretStore = new EnvSecretStore(process.env, 'GITHUB_TOKEN'),
  confirmToken: () => Promise<void> = async () => {},
): Pick<RequestHandlers, keyof typeof githubRequests> {
  const envOverride = () => process.env.SWITCHYARD_GITHUB_API_URL?.trim() || null;
  const settings = (): GithubSettings => ({
    store,
    apiBaseUrl: envOverride(),
    apiUrlSetting: { url: ctx.settings().github.apiUrl, confirmedFor: ctx.settings().github.tokenConfirmedFor },
  });
  const apiUrl = () => {
    const env = envOverride();
    const { apiUrl: url, tokenConfirmedFor } = ctx.settings().github;
    if (env) return { source: 'env' as const, url: env, needsConfirmation: false };
    if (url) return { source: 'settings' as const, url, needsConfirmation: tokenConfirmedFor !== url };
    return { source: 'remote' as const, url: null, needsConfirmation: false };
  };
  const status = async () => ({ hasToken: (await store.get()) !== null, describe: store.describe(), storageProblem: (await store.storageProblem?.()) ?? null, apiUrl: apiUrl() });
  return {
    'github.tokenStatus': () => status(),
    'github.setToken': async ({ token }) => {
      await store.set(token);
      // Giving a token is the confirmation that it may go to the API URL set now.
      if (token !== null) await confirmToken();
      return status();
    },
    'github.confirmApiUrl': async ({ apiUrl: asked }) => {
      const current = ctx.settings().github.apiUrl;
      if (current === null || normalizeGithubApiUrl(asked) !== current) {
        throw new RpcFailure('conflict', `The GitHub API URL is ${current ?? "each remote's own host"} now, not ${asked}: nothing was confirmed.`);
      }
      await confirmToken();
      return status();
    },
    'github.pulls': ({ queueId }) => queuePulls(ctx.store.current, queueId, settings()),
    'github.openPull': ({ queueId, branch }) => openQueuePull(ctx.store.current, queueId, branch, settings()),
    'github.markReady': ({ queueId, branch }) => markQueuePullReady(ctx.store.current, queueId, branch, settings()),
    'github.sessionFeedback': ({ sessionId }) => sessionFeedback(ctx.store.current, sessionId, settings()),
    'github.sessionsFeedback': async () => ({ bySession: await sessionsFeedback(ctx.store.current, settings()) }),
    'github.mergePull': async ({ queueId }) => {
      const outcome = await mergeQueuePull(ctx.store.current, queueId, settings());
      // The local queue learns of the merge on its next refresh; ask for it now.
      if (outcome.ok) void ctx.runtime().merge?.refreshAll(queueId).catch(() => undefined);
      return outcome;
    },
  };
}
