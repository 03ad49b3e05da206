import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './writeFileAtomic';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the old mode, and leaves no temp file', async () => {
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('writes exactly the mode asked for whatever the umask, creating the folder when asked', async () => {
    const file = join(dir, 'private', 'key.bin');
    const previous = process.umask(0o000);
    try {
      await writeFileAtomic(file, Buffer.from([1, 2, 3]), { mode: 0o600, createDir: true, dirMode: 0o700 });
    } finally {
      process.umask(previous);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'private'))).mode & 0o777).toBe(0o700);
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
  });

  it('keeps the original and removes the temp file when the final step fails', async () => {
    // A folder where the file should be: rename(file over folder) fails.
    const target = join(dir, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'keep me');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readFile(join(target, 'inside'), 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('fails without creating anything when the folder is missing and not to be created', async () => {
    await expect(writeFileAtomic(join(dir, 'nope', 'a.json'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
