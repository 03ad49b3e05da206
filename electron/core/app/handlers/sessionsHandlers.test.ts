import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../../../shared/contract';
import type { SessionRecord } from '../../../../shared/domain/session';
import { createTempRepo, type TempRepo } from '../../testing/tempRepo';
import { SERVE_SOCKET_CALLER } from '../../rpc/callerCapabilities';
import type { CoreContext } from '../coreContext';
import { sessionsHandlers } from './sessionsHandlers';

const repos: TempRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

/** Only the store's current sessions are read by this handler. */
function ctxWith(sessions: Record<string, SessionRecord>): CoreContext {
  return { store: { current: { sessions } } } as unknown as CoreContext;
}

describe('sessions.details handler', () => {
  it('answers not_found for an unknown id', async () => {
    const handlers = sessionsHandlers(ctxWith({}));
    const call = Promise.resolve(handlers['sessions.details']({ id: '/nope' }, SERVE_SOCKET_CALLER));
    await expect(call).rejects.toBeInstanceOf(RpcFailure);
    await expect(call).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reads the details of a known session', async () => {
    const repo = await createTempRepo();
    repos.push(repo);
    await repo.write('a.txt', 'a\n');
    await repo.commitAll('First commit');
    await repo.write('b.txt', 'b\n');
    const record = {
      id: repo.dir,
      name: 'main',
      worktree: { id: repo.dir, path: repo.dir, repoRoot: repo.dir, commonGitDir: join(repo.dir, '.git'), gitDir: null, branch: 'main', head: null, detached: false, locked: false, prunable: false, bare: false, isMain: true, source: ['git-worktree-list'] },
      git: null,
      planPath: null,
      claude: null,
    } as unknown as SessionRecord;
    const details = await sessionsHandlers(ctxWith({ [repo.dir]: record }))['sessions.details']({ id: repo.dir }, SERVE_SOCKET_CALLER);
    expect(details.commits.map((c) => c.subject)).toEqual(['First commit']);
    expect(details.uncommitted).toEqual(['b.txt']);
    expect(details.resumeCommand).toBeNull();
  });
});
