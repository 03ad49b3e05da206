import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { serveApp, type ServedApp } from '../../e2e/support/serveApp';

/**
 * Serve mode on a fresh demo workspace (`--demo`), started the way the e2e specs start it; the
 * workspace is removed afterwards (each one is a few MB of git repos under the temp folder).
 */
export async function withDemoServe<T>(env: Record<string, string>, body: (app: ServedApp) => Promise<T>): Promise<T> {
  const app = await serveApp(['--demo'], env);
  try {
    return await body(app);
  } finally {
    await app.stop();
    const root = app.demoRoot;
    // Only the folder this run's serve mode said it generated, and only under the temp folder.
    if (root && resolve(dirname(root)) === resolve(tmpdir()) && basename(root).startsWith('switchyard-demo-')) await rm(root, { recursive: true, force: true });
  }
}
