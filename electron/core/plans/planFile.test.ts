import { chmod, lstat, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from './contentHash';
import { FULL_PLAN, fixture } from './fixtures';
import { readPlanFile, writePlanFileSafely } from './planFile';
import { appendToSection, setSessionRegistryStatus } from './planWriter';

let dir: string;
let path: string;
const original = fixture(FULL_PLAN);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-plans-'));
  path = join(dir, FULL_PLAN);
  await writeFile(path, original);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const approve = (text: string): string => appendToSection(text, 'Dispatch Approvals', '- approved S-C');

describe('readPlanFile', () => {
  it('returns text, parsed plan, mtime and the hash of the bytes', async () => {
    const snap = await readPlanFile(path);
    expect(snap.text).toBe(original);
    expect(snap.hash).toBe(contentHash(Buffer.from(original)));
    expect(snap.parsed.contentHash).toBe(snap.hash);
    expect(snap.parsed.sessionRegistry).toHaveLength(2);
    expect(snap.mtimeMs).toBeGreaterThan(0);
  });
});

describe('writePlanFileSafely', () => {
  it('writes when the file is as expected, atomically, keeping the mode, leaving no temp file', async () => {
    await chmod(path, 0o640);
    const snap = await readPlanFile(path);
    const result = await writePlanFileSafely(path, snap.hash, approve);
    expect(result.status).toBe('written');
    const now = await readFile(path, 'utf8');
    expect(now).toBe(approve(original));
    expect(result.hash).toBe(contentHash(now));
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual([FULL_PLAN]);
  });

  it('re-applies the edit on top of a user edit made since the read', async () => {
    const snap = await readPlanFile(path);
    const userEdit = original.replace('Three sessions build', 'USER EDIT: three sessions build');
    await writeFile(path, userEdit);
    const result = await writePlanFileSafely(path, snap.hash, approve);
    expect(result.status).toBe('reapplied');
    const now = await readFile(path, 'utf8');
    expect(now).toContain('USER EDIT: three sessions build');
    expect(now).toContain('- approved S-C');
    expect(now).toBe(approve(userEdit));
  });

  it('re-reads when the user saves between our read and the rename', async () => {
    const snap = await readPlanFile(path);
    let saves = 0;
    const result = await writePlanFileSafely(path, snap.hash, (t) => setSessionRegistryStatus(t, 'lucid-euler', 'Merged'), {
      beforeCommit: async () => {
        if (saves++ === 0) await writeFile(path, `${original}\nUser note typed during the write.\n`);
      },
    });
    expect(result.status).toBe('reapplied');
    expect(result.attempts).toBe(2);
    const now = await readFile(path, 'utf8');
    expect(now).toContain('User note typed during the write.');
    expect(now).toContain('| claude/lucid-euler | Merged |');
    expect(await readdir(dir)).toEqual([FULL_PLAN]);
  });

  it('gives up with a conflict when the file keeps changing, and loses nothing', async () => {
    const snap = await readPlanFile(path);
    let n = 0;
    const result = await writePlanFileSafely(path, snap.hash, approve, {
      maxAttempts: 3,
      beforeCommit: async () => writeFile(path, `${original}\nedit ${n++}\n`),
    });
    expect(result.status).toBe('conflict');
    expect(await readFile(path, 'utf8')).toBe(`${original}\nedit 2\n`);
    expect(await readdir(dir)).toEqual([FULL_PLAN]);
  });

  it('reports unchanged when the edit changes nothing', async () => {
    const snap = await readPlanFile(path);
    const before = (await stat(path)).mtimeMs;
    const result = await writePlanFileSafely(path, snap.hash, (t) => setSessionRegistryStatus(t, 'nobody', 'Done'));
    expect(result).toMatchObject({ status: 'unchanged', hash: snap.hash });
    expect((await stat(path)).mtimeMs).toBe(before);
  });

  it('refuses files that are not UTF-8, missing files and failing edits', async () => {
    const latin1 = Buffer.from([0x23, 0x20, 0xe9, 0x0a]);
    await writeFile(path, latin1);
    const result = await writePlanFileSafely(path, 'x', approve);
    expect(result.status).toBe('conflict');
    expect(await readFile(path)).toEqual(latin1);
    expect((await writePlanFileSafely(join(dir, 'missing.md'), 'x', approve)).status).toBe('conflict');
    await writeFile(path, original);
    const failing = await writePlanFileSafely(path, contentHash(original), () => {
      throw new Error('boom');
    });
    expect(failing).toMatchObject({ status: 'conflict', reason: 'the edit failed: boom' });
    expect(await readFile(path, 'utf8')).toBe(original);
  });

  it('writes through a symlink and keeps the link', async () => {
    const link = join(dir, 'link.md');
    await symlink(path, link);
    const snap = await readPlanFile(link);
    expect((await writePlanFileSafely(link, snap.hash, approve)).status).toBe('written');
    expect(await readFile(path, 'utf8')).toBe(approve(original));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });
});
