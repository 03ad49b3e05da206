import { delimiter, join } from 'node:path';
import { findExecutable } from '../../fs/findExecutable';

/**
 * Where Claude Code's CLI runs from: the PATH first (as the person's shell would find it), then the
 * places Claude Code's own installers put it — the native installer's `~/.local/bin/claude` and the
 * older local install's `~/.claude/local/claude`. A desktop app started from the dock gets a short
 * PATH without either, so looking only at PATH would call an installed CLI missing.
 */
export async function findClaude(env: Readonly<Record<string, string | undefined>>, home: string | null, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const onPath = await findExecutable('claude', env, platform);
  if (onPath || !home) return onPath;
  const installDirs = [join(home, '.local', 'bin'), join(home, '.claude', 'local')];
  return findExecutable('claude', { PATH: installDirs.join(delimiter), PATHEXT: env.PATHEXT }, platform);
}
