import { appendFileSync, writeFileSync } from 'node:fs';
import { chmod, lstat, mkdtemp, open, readFile, readdir, rename, rm, stat, symlink, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileVersion, swapFileIfUnchanged } from '../fs/swapFileIfUnchanged';
import { contentHash } from './contentHash';
import { FULL_PLAN, fixture } from './fixtures';
import { lateWritesChecked, readPlanFile, writePlanFileSafely } from './planFile';
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

  it('says which text its edit was applied to: the expected one, or the newer one it re-applied on', async () => {
    const snap = await readPlanFile(path);
    const first = await writePlanFileSafely(path, snap.hash, approve);
    expect(first.editedFrom).toBe(snap.hash);
    const between = `${first.text}\nA line the person added.\n`;
    await writeFile(path, between);
    const second = await writePlanFileSafely(path, first.hash, (t) => appendToSection(t, 'Dispatch Approvals', '- approved S-D'));
    expect(second.status).toBe('reapplied');
    expect(second.editedFrom).toBe(contentHash(between));
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

describe('writePlanFileSafely: a person saving during the swap itself', () => {
  it('carries over an append that was already open on the old version and landed after the swap', async () => {
    const snap = await readPlanFile(path);
    let appender: FileHandle | null = null;
    let done = false;
    const result = await writePlanFileSafely(path, snap.hash, approve, {
      beforeCommit: async () => {
        if (!done) appender ??= await open(path, 'a');
      },
      afterSwap: async () => {
        if (!appender) return;
        await appender.write('late note typed during the write\n');
        await appender.close();
        appender = null;
        done = true;
      },
    });
    expect(result).toMatchObject({ status: 'written', reason: null });
    const now = await readFile(path, 'utf8');
    expect(now).toBe(`${approve(original)}late note typed during the write\n`);
    expect(await readdir(dir)).toEqual([FULL_PLAN]);
  });

  it('keeps a fragment appended to the briefly missing name after the old text', async () => {
    const snap = await readPlanFile(path);
    let once = true;
    const result = await writePlanFileSafely(path, snap.hash, approve, {
      whileAside: () => {
        if (once) appendFileSync(path, 'echo >> plan.md\n');
        once = false;
      },
    });
    expect(result.status).toBe('reapplied');
    expect(await readFile(path, 'utf8')).toBe(approve(`${original}echo >> plan.md\n`));
    expect(await readdir(dir)).toEqual([FULL_PLAN]);
  });

  it('takes a whole save made in that instant as the new base and re-applies the edit on it', async () => {
    const snap = await readPlanFile(path);
    const saved = original.replace('Three sessions build', 'EDITOR SAVE: three sessions build');
    let once = true;
    const result = await writePlanFileSafely(path, snap.hash, approve, {
      whileAside: () => {
        if (once) writeFileSync(path, saved);
        once = false;
      },
    });
    expect(result.status).toBe('reapplied');
    expect(await readFile(path, 'utf8')).toBe(approve(saved));
  });

  it('keeps text it could not fold in beside the plan when a writer never stops', async () => {
    const snap = await readPlanFile(path);
    let n = 0;
    const result = await writePlanFileSafely(path, snap.hash, approve, {
      settleMs: 0,
      whileAside: () => appendFileSync(path, `fragment ${n++}\n`),
    });
    expect(result.status).toBe('conflict');
    expect(result.reason).toMatch(/kept in .*\.unsaved-edit-.*\.txt/);
    const kept = (await readdir(dir)).find((f) => f.includes('.unsaved-edit-'));
    expect(kept).toBeDefined();
    // Every byte is somewhere: the plan text and all fragments but the last in the kept file, the last in the plan.
    const keptText = await readFile(join(dir, kept ?? ''), 'utf8');
    expect(keptText.startsWith(original)).toBe(true);
    for (let i = 0; i < n - 1; i++) expect(keptText).toContain(`fragment ${i}\n`);
    expect(await readFile(path, 'utf8')).toBe(`fragment ${n - 1}\n`);
  });
});

describe('writePlanFileSafely: an editor that truncates, then writes', () => {
  it('does not take the empty moment of an in-place save as the plan', async () => {
    await writeFile(path, ''); // the editor has truncated the file…
    const later = setTimeout(() => void writeFile(path, original), 60); // …and writes it a moment later
    const result = await writePlanFileSafely(path, contentHash(''), approve);
    clearTimeout(later);
    expect(result.status).not.toBe('conflict');
    expect(await readFile(path, 'utf8')).toBe(approve(original));
  });

  it('appends bytes that land in the replaced version long after the write returned', async () => {
    const snap = await readPlanFile(path);
    let appender: FileHandle | null = null;
    let landedLate: Promise<void> = Promise.resolve();
    const result = await writePlanFileSafely(path, snap.hash, approve, {
      settleMs: 0,
      beforeCommit: async () => {
        appender ??= await open(path, 'a');
      },
      afterSwap: () => {
        const handle = appender;
        if (!handle) return;
        appender = null;
        // A descheduled writer: its append arrives 200 ms after the swap.
        landedLate = new Promise((resolve) => setTimeout(resolve, 200)).then(async () => {
          await handle.write('very late note\n');
          await handle.close();
        });
      },
    });
    expect(result.status).toBe('written');
    await landedLate;
    await lateWritesChecked();
    expect(await readFile(path, 'utf8')).toBe(`${approve(original)}very late note\n`);
  });
});

describe('swapFileIfUnchanged', () => {
  it('puts back a file that was replaced since it was read, and writes nothing', async () => {
    const read = await readFileVersion(path);
    await read.handle.close();
    await writeFile(`${path}.editor`, 'editor save\n');
    await rename(`${path}.editor`, path);
    await writeFile(`${path}.ours`, 'ours\n');
    expect(swapFileIfUnchanged(path, `${path}.ours`, read.version)).toEqual({ kind: 'changed' });
    expect(await readFile(path, 'utf8')).toBe('editor save\n');
    expect((await readdir(dir)).sort()).toEqual([FULL_PLAN, `${FULL_PLAN}.ours`].sort());
  });

  it('swaps when the file is the version read, and reports a deleted file', async () => {
    const read = await readFileVersion(path);
    await read.handle.close();
    await writeFile(`${path}.ours`, 'ours\n');
    expect(swapFileIfUnchanged(path, `${path}.ours`, read.version)).toEqual({ kind: 'swapped' });
    expect(await readFile(path, 'utf8')).toBe('ours\n');
    expect(await readdir(dir)).toEqual([FULL_PLAN]);
    await rm(path);
    await writeFile(`${path}.ours`, 'again\n');
    expect(swapFileIfUnchanged(path, `${path}.ours`, read.version)).toEqual({ kind: 'vanished' });
  });
});
