import type { githubRequests } from '../../../../shared/contract/githubRequests';
import { mergeQueuePull, openQueuePull, queuePulls, type GithubSettings } from '../../github/queuePulls';
import { sessionFeedback } from '../../github/sessionFeedback';
import { EnvSecretStore, type SecretStore } from '../../linear/linearKeyStore';
import type { RequestHandlers } from '../../rpc/requestRouter';
import type { CoreContext } from '../coreContext';

/**
 * GitHub for merge queue entries. The token comes from `store` (safeStorage in the desktop app,
 * `GITHUB_TOKEN` in serve mode), else `gh auth token`; the
 * API root from the remote's host, or `SWITCHYARD_GITHUB_API_URL` (GitHub Enterprise, the test server).
 */
export function githubHandlers(ctx: CoreContext, store: SecretStore = new EnvSecretStore(process.env, 'GITHUB_TOKEN')): Pick<RequestHandlers, keyof typeof githubRequests> {
  const settings = (): GithubSettings => ({ store, apiBaseUrl: process.env.SWITCHYARD_GITHUB_API_URL?.trim() || null });
  const status = async () => ({ hasToken: (await store.get()) !== null, describe: store.describe(), storageProblem: (await store.storageProblem?.()) ?? null });
  return {
    'github.tokenStatus': () => status(),
    'github.setToken': async ({ token }) => {
      await store.set(token);
      return status();
    },
    'github.pulls': ({ queueId }) => queuePulls(ctx.store.current, queueId, settings()),
    'github.openPull': ({ queueId, branch }) => openQueuePull(ctx.store.current, queueId, branch, settings()),
    'github.sessionFeedback': ({ sessionId }) => sessionFeedback(ctx.store.current, sessionId, settings()),
    'github.mergePull': async ({ queueId }) => {
      const outcome = await mergeQueuePull(ctx.store.current, queueId, settings());
      // The local queue learns of the merge on its next refresh; ask for it now.
      if (outcome.ok) void ctx.runtime().merge?.refreshAll(queueId).catch(() => undefined);
      return outcome;
    },
  };
}
