import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryTreeWatcher } from './directoryTreeWatcher';
import { makeWorktreeIgnore } from './worktreeWatcher';

interface Harness {
  root: string;
  tree: DirectoryTreeWatcher;
  changes: string[];
  gone: { count: number };
  warnings: string[];
  /** Resolves once a change at a path matching `test` was reported. */
  seen(test: (path: string) => boolean, timeoutMs?: number): Promise<void>;
}

const open: DirectoryTreeWatcher[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

async function harness(layout: (root: string) => Promise<void>): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'sy-tree-'));
  await layout(root);
  const changes: string[] = [];
  const gone = { count: 0 };
  const warnings: string[] = [];
  const ignore = makeWorktreeIgnore(root);
  const tree = new DirectoryTreeWatcher({
    root,
    ignore,
    onChange: (p) => changes.push(p),
    onRootGone: () => (gone.count += 1),
    onWarning: (m) => warnings.push(m),
  });
  open.push(tree);
  await tree.start();
  const seen = async (test: (path: string) => boolean, timeoutMs = 3000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    while (!changes.some(test)) {
      if (Date.now() > until) throw new Error(`no matching change within ${timeoutMs} ms; saw ${JSON.stringify(changes)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { root, tree, changes, gone, warnings, seen };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DirectoryTreeWatcher', () => {
  it('watches every folder once and never descends into node_modules or .git', async () => {
    const h = await harness(async (root) => {
      await mkdir(join(root, 'src', 'a'), { recursive: true });
      await mkdir(join(root, 'node_modules', 'pkg', 'lib'), { recursive: true });
      await mkdir(join(root, '.git', 'objects'), { recursive: true });
      for (let i = 0; i < 50; i++) await writeFile(join(root, 'src', 'a', `f${i}.ts`), '');
    });
    // root, src, src/a: folders only, however many files they hold.
    expect(h.tree.watchCount()).toBe(3);
  });

  it('reports a file written deep inside, but nothing written under node_modules', async () => {
    const h = await harness(async (root) => {
      await mkdir(join(root, 'src', 'deep', 'er'), { recursive: true });
      await mkdir(join(root, 'node_modules', 'pkg'), { recursive: true });
    });
    await writeFile(join(h.root, 'node_modules', 'pkg', 'index.js'), 'x');
    await writeFile(join(h.root, 'src', 'deep', 'er', 'new.ts'), 'x');
    await h.seen((p) => p.endsWith(join('er', 'new.ts')));
    expect(h.changes.filter((p) => p.includes('node_modules'))).toEqual([]);
  });

  it('starts watching a folder created later, so files inside it are reported', async () => {
    const h = await harness(async () => undefined);
    await mkdir(join(h.root, 'later', 'inner'), { recursive: true });
    await h.seen((p) => p.endsWith('later'));
    // The new folders are walked once their creation is seen.
    const until = Date.now() + 3000;
    while (h.tree.watchCount() < 3 && Date.now() < until) await sleep(20);
    expect(h.tree.watchCount()).toBe(3);
    await writeFile(join(h.root, 'later', 'inner', 'file.md'), 'x');
    await h.seen((p) => p.endsWith(join('inner', 'file.md')));
  });

  it('drops the watches of a removed folder and tells when the root itself is gone', async () => {
    const h = await harness(async (root) => {
      await mkdir(join(root, 'a', 'b'), { recursive: true });
    });
    expect(h.tree.watchCount()).toBe(3);
    await rm(join(h.root, 'a'), { recursive: true });
    const until = Date.now() + 3000;
    while (h.tree.watchCount() > 1 && Date.now() < until) await sleep(20);
    expect(h.tree.watchCount()).toBe(1);
    expect(h.gone.count).toBe(0);
    await rm(h.root, { recursive: true });
    const until2 = Date.now() + 3000;
    while (h.gone.count === 0 && Date.now() < until2) await sleep(20);
    expect(h.gone.count).toBe(1);
    expect(h.tree.watchCount()).toBe(0);
  });

  it('a root that cannot be read gives a warning, not a crash', async () => {
    const missing = join(tmpdir(), `sy-tree-missing-${process.pid}-${Date.now()}`);
    const warnings: string[] = [];
    const tree = new DirectoryTreeWatcher({ root: missing, ignore: () => false, onChange: () => undefined, onRootGone: () => undefined, onWarning: (m) => warnings.push(m) });
    open.push(tree);
    await tree.start();
    expect(tree.watchCount()).toBe(0);
  });
});
