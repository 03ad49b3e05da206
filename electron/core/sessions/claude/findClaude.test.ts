import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findClaude } from './findClaude';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'find-claude-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function executable(path: string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, 0o755);
  return path;
}

describe.skipIf(process.platform === 'win32')('findClaude', () => {
  it('takes the PATH first, as the shell would', async () => {
    const onPath = await executable(join(root, 'bin', 'claude'));
    await executable(join(root, 'home', '.local', 'bin', 'claude'));
    expect(await findClaude({ PATH: join(root, 'bin') }, join(root, 'home'))).toBe(onPath);
  });

  it.each([
    ['the native installer', ['.local', 'bin', 'claude']],
    ['the local install', ['.claude', 'local', 'claude']],
  ])('finds %s when a dock-started app has a short PATH', async (_what, parts) => {
    const installed = await executable(join(root, 'home', ...parts));
    expect(await findClaude({ PATH: '/nonexistent' }, join(root, 'home'))).toBe(installed);
  });

  it('says nothing is there when neither PATH nor the install places have it, or it is not executable', async () => {
    await mkdir(join(root, 'home', '.local', 'bin'), { recursive: true });
    await writeFile(join(root, 'home', '.local', 'bin', 'claude'), 'not executable');
    expect(await findClaude({ PATH: '/nonexistent' }, join(root, 'home'))).toBeNull();
    expect(await findClaude({ PATH: '/nonexistent' }, null)).toBeNull();
  });
});
