import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../testing/tempRepo';
import { execGit, gitProcessLimiter } from './execGit';
import { gitFailure } from './gitResult';
import { tolerantGit } from './gitRunner';

describe('the one git runner', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo();
  });
  afterAll(() => repo.cleanup());

  it('never runs more than 4 git processes at once, whoever asks; the rest wait their turn', async () => {
    const runs = Array.from({ length: 12 }, () => execGit(['rev-parse', '--git-dir'], { cwd: repo.dir }));
    expect(gitProcessLimiter.active).toBe(4);
    expect(gitProcessLimiter.pending).toBe(8);
    const done = await Promise.all(runs);
    expect(done.every((r) => r.code === 0)).toBe(true);
    expect(gitProcessLimiter.active + gitProcessLimiter.pending).toBe(0);
  });

  it('a folder that is gone: execGit rejects, tolerantGit answers exit 127 with the reason', async () => {
    const gone = join(repo.dir, 'no-such-folder');
    await expect(execGit(['status'], { cwd: gone })).rejects.toThrow();
    const run = await tolerantGit(['status'], { cwd: gone });
    expect(run.code).toBe(127);
    expect(run.stderr).not.toBe('');
  });

  it("a failure carries git's first line, or names the command when git said nothing", async () => {
    const refused = await execGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: repo.dir });
    expect(gitFailure(['rev-parse', '--verify', 'no-such-ref'], refused)).toMatchObject({ ok: false, code: 128, error: expect.stringMatching(/fatal/) });
    expect(gitFailure(['-c', 'core.hooksPath=/dev/null', 'update-ref', '-d', 'x'], { code: 1, stdout: '', stderr: '' }).error).toBe('git update-ref exited 1');
  });
});
