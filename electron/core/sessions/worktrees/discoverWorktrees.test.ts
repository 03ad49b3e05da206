import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRepo, makeTempDir, type TempRepo } from '../../testing/tempRepo';
import { tolerantGit, type GitRunner } from '../../git/gitRunner';
import { discoverWorktrees, type RevParseCache } from './discoverWorktrees';

describe('discoverWorktrees (real repos)', () => {
  let home: string;
  let extra: string;
  let repo: TempRepo;
  let other: TempRepo;

  beforeAll(async () => {
    home = await makeTempDir('switchyard-home-');
    extra = await makeTempDir('switchyard-extra-');
    repo = await createTempRepo();
    await repo.write('a.txt', 'a');
    await repo.commitAll('init');
    // <claudeHome>/worktrees/<repo>-<issue>
    await repo.addWorktree(join(home, 'worktrees', 'ccc-cia-541'), 'claude/cia-541-x');
    // <repo>/.claude/worktrees/<name> (CLI --worktree)
    await repo.addWorktree(join(repo.dir, '.claude', 'worktrees', 'lucid'), 'worktree-lucid');
    // a worktree known only to git (outside every root)
    await repo.addWorktree(join(extra, '..', `${extra.split('/').pop()}-outside`), 'claude/outside');
    // another repo found only through its worktree under the claude home
    other = await createTempRepo();
    await other.commitAll('init');
    await other.addWorktree(join(home, 'worktrees', 'other-cia-2'), 'claude/cia-2-y');
    // noise: a plain folder, a folder inside a repo, an unreadable folder
    await mkdir(join(home, 'worktrees', 'not-a-repo'), { recursive: true });
    await mkdir(join(repo.dir, '.claude', 'worktrees', 'plain'), { recursive: true });
    await writeFile(join(extra, 'file.txt'), 'not a folder');
  });
  afterAll(async () => {
    await Promise.all([repo.cleanup(), other.cleanup()]);
    await Promise.all([home, extra, `${extra}-outside`].map((d) => rm(d, { recursive: true, force: true })));
  });

  it('finds every worktree from every source, merged by real path, with warnings for the rest', async () => {
    const r = await discoverWorktrees({ claudeHome: home, repos: [repo.dir], extraRoots: [extra, join(home, 'missing')] });
    const byPath = new Map(r.worktrees.map((w) => [w.path, w]));
    expect(r.repos.map((x) => x.root).sort()).toEqual([other.dir, repo.dir].sort());

    expect(byPath.get(repo.dir)).toMatchObject({ isMain: true, branch: 'main', source: ['git-worktree-list'], commonGitDir: join(repo.dir, '.git') });
    expect(byPath.get(join(home, 'worktrees', 'ccc-cia-541'))).toMatchObject({
      isMain: false,
      branch: 'claude/cia-541-x',
      repoRoot: repo.dir,
      source: ['claude-home', 'git-worktree-list'],
      gitDir: join(repo.dir, '.git', 'worktrees', 'ccc-cia-541'),
    });
    expect(byPath.get(join(repo.dir, '.claude', 'worktrees', 'lucid'))).toMatchObject({ source: ['repo-claude-dir', 'git-worktree-list'], branch: 'worktree-lucid' });
    expect(byPath.get(`${extra}-outside`)).toMatchObject({ source: ['git-worktree-list'], branch: 'claude/outside' });
    expect(byPath.get(join(home, 'worktrees', 'other-cia-2'))).toMatchObject({ repoRoot: other.dir, source: ['claude-home', 'git-worktree-list'] });
    expect(r.worktrees).toHaveLength(6);
    for (const w of r.worktrees) expect(w.id).toBe(w.path);

    const warned = r.warnings.map((w) => w.path);
    expect(warned).toContain(join(home, 'worktrees', 'not-a-repo'));
    expect(warned).toContain(join(repo.dir, '.claude', 'worktrees', 'plain'));
    expect(r.warnings.find((w) => w.path.endsWith('plain'))?.message).toMatch(/inside the worktree/);
  });

  it('a repeated discovery asks git rev-parse again only for folders whose .git changed', async () => {
    const revParses: string[] = [];
    const git: GitRunner = (args, options) => {
      if (args[0] === 'rev-parse') revParses.push(options.cwd);
      return tolerantGit(args, options);
    };
    const cache: RevParseCache = new Map();
    const first = await discoverWorktrees({ claudeHome: home, repos: [repo.dir], extraRoots: [], git, revParseCache: cache });
    expect(revParses.length).toBeGreaterThan(2);
    revParses.length = 0;
    const again = await discoverWorktrees({ claudeHome: home, repos: [repo.dir], extraRoots: [], git, revParseCache: cache });
    expect(again.worktrees.map((w) => w.path).sort()).toEqual(first.worktrees.map((w) => w.path).sort());
    // Folders without a .git entry (the noise) are asked every time; every worktree is answered from the cache.
    expect(revParses.filter((cwd) => first.worktrees.some((w) => w.path === cwd))).toEqual([]);

    // A worktree re-pointed (its .git file rewritten) is asked again; one its repository lists never is.
    const wt = join(home, 'worktrees', 'other-cia-2');
    const dotGit = await readFile(join(wt, '.git'), 'utf8');
    await writeFile(join(wt, '.git'), `${dotGit.trim()}\n`);
    revParses.length = 0;
    await discoverWorktrees({ claudeHome: home, repos: [repo.dir], extraRoots: [], git, revParseCache: cache });
    expect(revParses).toContain(wt);
    expect(revParses).not.toContain(join(home, 'worktrees', 'ccc-cia-541'));
  });

  it('a worktree folder deleted behind git is reported prunable with a warning; a corrupt repo is a warning', async () => {
    const gone = await repo.addWorktree(join(home, 'worktrees', 'gone'), 'claude/gone');
    await rm(gone, { recursive: true, force: true });
    const corrupt = join(extra, 'corrupt');
    await mkdir(join(corrupt, '.git'), { recursive: true });
    await writeFile(join(corrupt, '.git', 'HEAD'), 'garbage');
    const r = await discoverWorktrees({ claudeHome: home, repos: [repo.dir], extraRoots: [extra] });
    expect(r.worktrees.find((w) => w.path === gone)).toMatchObject({ prunable: true, gitDir: null });
    expect(r.warnings.find((w) => w.path === gone)?.message).toMatch(/gone/);
    expect(r.warnings.find((w) => w.path === corrupt)?.message).toMatch(/not a git worktree/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable root is a warning, not a throw', async () => {
    const locked = join(extra, 'locked-root');
    await mkdir(join(locked, 'child'), { recursive: true });
    await chmod(locked, 0o000);
    try {
      const r = await discoverWorktrees({ claudeHome: home, repos: [], extraRoots: [locked] });
      expect(r.warnings.find((w) => w.path === locked)?.message).toMatch(/cannot read/);
    } finally {
      await chmod(locked, 0o755);
    }
  });
});
