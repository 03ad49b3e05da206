import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPlans, planFolders } from './discoverPlans';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'switchyard-discover-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function touch(rel: string): Promise<void> {
  await mkdir(join(root, rel, '..'), { recursive: true });
  await writeFile(join(root, rel), '# plan\n');
}

describe('discoverPlans', () => {
  it('lists *.md in claude home plans, repo plan folders and configured folders (one level deep)', async () => {
    await touch('claude/plans/composed-crunching-raven.md');
    await touch('claude/plans/archive/old.md');
    await touch('claude/plans/archive/deeper/too-deep.md');
    await touch('claude/plans/.hidden.md');
    await touch('claude/plans/.x.md.123.tmp');
    await touch('claude/plans/notes.txt');
    await touch('repo/docs/plans/2026-02-20-ccc-a.md');
    await touch('repo/.claude/plans/CIA-1-b.md');
    await touch('repo/plans/c.md');
    await touch('extra/d.md');
    const plans = await discoverPlans({
      claudeHome: join(root, 'claude'),
      repos: [join(root, 'repo'), join(root, 'missing-repo')],
      folders: [join(root, 'extra'), join(root, 'claude', 'plans'), join(root, 'nope')],
    });
    expect(plans.map((p) => [relative(root, p.path), p.source])).toEqual([
      ['claude/plans/archive/old.md', 'claude-home'],
      ['claude/plans/composed-crunching-raven.md', 'claude-home'],
      ['extra/d.md', 'configured'],
      ['repo/.claude/plans/CIA-1-b.md', 'repo'],
      ['repo/docs/plans/2026-02-20-ccc-a.md', 'repo'],
      ['repo/plans/c.md', 'repo'],
    ]);
    expect(plans[0]?.size).toBe(7);
  });

  it('uses the plansDirectory setting instead of <home>/plans', () => {
    expect(planFolders({ claudeHome: '/h/.claude', claudePlansDirectory: '/custom/plans' })).toEqual([{ path: '/custom/plans', source: 'claude-home' }]);
  });

  it('returns nothing for missing folders', async () => {
    expect(await discoverPlans({ claudeHome: join(root, 'none'), repos: [join(root, 'none')] })).toEqual([]);
  });
});
