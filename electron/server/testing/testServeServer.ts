import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../core/app/createCore';
import { silentLogger } from '../../core/app/platformActions';
import { EnvSecretStore } from '../../core/linear/linearKeyStore';
import { startServeServer, type RunningServer, type ServeOptions } from '../serveServer';
import { servePlatform } from '../servePlatform';

/** A real core on an empty workspace behind a real serve server on 127.0.0.1, for the server's tests. */
export async function startTestServeServer(prefix: string, limits?: ServeOptions['limits']): Promise<{ core: Core; server: RunningServer }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const staticDir = join(root, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
  const core = await createCore({
    mode: 'serve',
    version: 'test',
    workspace: { claudeHome: join(root, 'home'), claudeHomeSource: 'flag', dataDir: join(root, 'data'), demo: false, flagPlanFolders: [], flagRepos: [], flagWorktreeRoots: [], linearApiUrl: null },
    platform: servePlatform,
    logger: silentLogger,
    secretStore: new EnvSecretStore({}),
  });
  const server = await startServeServer({ core, staticDir, logger: silentLogger, ...(limits ? { limits } : {}) });
  return { core, server };
}
