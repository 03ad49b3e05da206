import type { LinearGateway } from './linearGateway';
import type { LinearUserNode } from './operationResults';

/**
 * The workspace's users (people and app users), read once and kept briefly: an approval resolves
 * every row's Agent cell from one list, not one request per row; a Delegate a minute later asks again
 * (an agent may just have been installed).
 */
export class UserDirectory {
  private cached: { at: number; users: Promise<LinearUserNode[]> } | null = null;

  constructor(
    private readonly gateway: () => Pick<LinearGateway, 'users'>,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<LinearUserNode[]> {
    const at = this.now();
    if (this.cached && at - this.cached.at < this.ttlMs) return this.cached.users;
    const users = this.fetchAll();
    this.cached = { at, users };
    // A failure is not kept: the next call asks Linear again.
    users.catch(() => {
      if (this.cached?.users === users) this.cached = null;
    });
    return users;
  }

  /** Forget the list (a reconnect with another key sees another workspace). */
  clear(): void {
    this.cached = null;
  }

  private fetchAll(): Promise<LinearUserNode[]> {
    return listAllUsers(this.gateway());
  }
}

/** Every user of the workspace, page by page (at most 50 pages of 100). */
export async function listAllUsers(gateway: Pick<LinearGateway, 'users'>): Promise<LinearUserNode[]> {
  const all: LinearUserNode[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const { data } = await gateway.users(after);
    all.push(...data.users.nodes);
    const { hasNextPage, endCursor } = data.users.pageInfo;
    if (!hasNextPage || !endCursor) break;
    after = endCursor;
  }
  return all;
}
