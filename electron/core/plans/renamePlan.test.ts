import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEGACY, fixture } from './fixtures';
import { readPlanFile } from './planFile';
import { replaceFileNameReferences } from './planReferences';
import { renamePlanFile, suggestNameForPlan } from './renamePlan';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-rename-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('replaceFileNameReferences', () => {
  it('replaces whole file names only', () => {
    const text = 'See composed-crunching-raven.md, [plan](./composed-crunching-raven.md) and `plans/composed-crunching-raven.md`.\nNot x-composed-crunching-raven.md nor composed-crunching-raven.md.bak; session composed-crunching-raven stays.';
    expect(replaceFileNameReferences(text, 'composed-crunching-raven.md', '2026-02-09-ccc-insights.md')).toBe(
      'See 2026-02-09-ccc-insights.md, [plan](./2026-02-09-ccc-insights.md) and `plans/2026-02-09-ccc-insights.md`.\nNot x-composed-crunching-raven.md nor composed-crunching-raven.md.bak; session composed-crunching-raven stays.',
    );
  });
});

describe('renamePlanFile', () => {
  it('renames and rewrites references in the other plans of the folder, byte for byte', async () => {
    const oldPath = join(dir, LEGACY);
    await writeFile(oldPath, fixture(LEGACY));
    const master = '# Master\r\n\r\nSee [the raven plan](composed-crunching-raven.md).\r\n';
    await writeFile(join(dir, 'master.md'), master);
    await writeFile(join(dir, 'other.md'), '# Other\n');
    const snapshot = await readPlanFile(oldPath);
    const newName = suggestNameForPlan(snapshot, { project: 'claude-command-centre', fallbackDate: new Date(2026, 1, 9) });
    expect(newName).toBe('2026-02-09-ccc-insights-v2-rollout.md');
    const result = await renamePlanFile(oldPath, newName);
    expect(result).toMatchObject({ status: 'renamed', updatedFiles: [join(dir, 'master.md')], failedFiles: [] });
    expect((await readdir(dir)).sort()).toEqual([newName, 'master.md', 'other.md'].sort());
    expect(await readFile(join(dir, newName), 'utf8')).toBe(fixture(LEGACY));
    expect(await readFile(join(dir, 'master.md'), 'utf8')).toBe(master.replace('composed-crunching-raven.md', newName));
    expect(await readFile(join(dir, 'other.md'), 'utf8')).toBe('# Other\n');
  });

  it('refuses an existing target, a bad name and a missing source', async () => {
    const oldPath = join(dir, LEGACY);
    await writeFile(oldPath, 'a');
    await writeFile(join(dir, 'taken.md'), 'b');
    expect(await renamePlanFile(oldPath, 'taken.md')).toMatchObject({ status: 'refused', reason: 'target-exists' });
    expect(await readFile(join(dir, 'taken.md'), 'utf8')).toBe('b');
    expect(await readFile(oldPath, 'utf8')).toBe('a');
    expect(await renamePlanFile(oldPath, '../escape.md')).toMatchObject({ status: 'refused', reason: 'invalid-name' });
    expect(await renamePlanFile(oldPath, LEGACY)).toMatchObject({ status: 'refused', reason: 'same-name' });
    expect(await renamePlanFile(join(dir, 'nope.md'), 'x.md')).toMatchObject({ status: 'refused', reason: 'source-missing' });
  });
});
