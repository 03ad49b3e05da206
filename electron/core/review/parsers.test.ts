import { describe, expect, it } from 'vitest';
import { conflictHunks } from './conflictHunks';
import { DIFF_LIMITS, planDiffBudget } from './diffBudget';
import { parseNumstat } from './parseNumstat';
import { parsePatchSection, splitPatch } from './parseUnifiedDiff';

describe('parseNumstat', () => {
  it.each([
    ['plain file', '3\t1\tsrc/a.ts\0', [{ path: 'src/a.ts', oldPath: null, additions: 3, deletions: 1 }]],
    ['binary file', '-\t-\timg/logo.png\0', [{ path: 'img/logo.png', oldPath: null, additions: null, deletions: null }]],
    ['rename', '0\t0\t\0old name.ts\0new\tname.ts\0', [{ path: 'new\tname.ts', oldPath: 'old name.ts', additions: 0, deletions: 0 }]],
    ['several', '1\t0\ta\0' + '2\t2\t\0b\0c\0' + '0\t5\td\0', [
      { path: 'a', oldPath: null, additions: 1, deletions: 0 },
      { path: 'c', oldPath: 'b', additions: 2, deletions: 2 },
      { path: 'd', oldPath: null, additions: 0, deletions: 5 },
    ]],
    ['nothing', '', []],
  ])('%s', (_name, input, expected) => {
    expect(parseNumstat(input)).toEqual(expected);
  });
});

describe('parsePatchSection', () => {
  const patch = [
    'diff --git a/src/a.ts b/src/a.ts',
    'index 1111111..2222222 100644',
    '--- a/src/a.ts',
    '+++ b/src/a.ts',
    '@@ -1,3 +1,3 @@ export function a()',
    ' one',
    '-two',
    '+--- not a header',
    ' three',
    '@@ -10 +10,2 @@',
    ' ten',
    '+diff --git a/x b/x',
    '\\ No newline at end of file',
    'diff --git a/new.txt b/new.txt',
    'new file mode 100644',
    'index 0000000..3333333',
    '--- /dev/null',
    '+++ b/new.txt',
    '@@ -0,0 +1 @@',
    '+hello',
    'diff --git a/logo.png b/logo.png',
    'new file mode 100644',
    'Binary files /dev/null and b/logo.png differ',
    'diff --git a/old.md b/renamed.md',
    'similarity index 100%',
    'rename from old.md',
    'rename to renamed.md',
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-bye',
    '',
  ].join('\n');

  it('splits into one section per file, even when a content line looks like a file header', () => {
    // '+diff --git a/x b/x' starts with '+': only lines that begin with 'diff --git' open a section.
    expect(splitPatch(patch).map((s) => s[0])).toEqual([
      'diff --git a/src/a.ts b/src/a.ts',
      'diff --git a/new.txt b/new.txt',
      'diff --git a/logo.png b/logo.png',
      'diff --git a/old.md b/renamed.md',
      'diff --git a/gone.txt b/gone.txt',
    ]);
  });

  it('reads hunks by their counts and keeps the no-newline note with its line', () => {
    const [first] = splitPatch(patch);
    const section = parsePatchSection(first ?? []);
    expect(section.status).toBe('modified');
    expect(section.hunks).toHaveLength(2);
    expect(section.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 3, newStart: 1, newLines: 3, lines: [' one', '-two', '+--- not a header', ' three'] });
    expect(section.hunks[1]).toMatchObject({ oldStart: 10, oldLines: 1, newStart: 10, newLines: 2, lines: [' ten', '+diff --git a/x b/x', '\\ No newline at end of file'] });
  });

  it('names added, binary, renamed and deleted files', () => {
    const parsed = splitPatch(patch).map(parsePatchSection);
    expect(parsed.map((p) => [p.status, p.binary, p.hunks.length])).toEqual([
      ['modified', false, 2],
      ['added', false, 1],
      ['added', true, 0],
      ['renamed', false, 0],
      ['deleted', false, 1],
    ]);
  });
});

describe('planDiffBudget', () => {
  const limits = { ...DIFF_LIMITS, fileLines: 100, totalLines: 150, files: 3 };
  it('summarises a file over the per-file limit and keeps the others', () => {
    const plan = planDiffBudget([
      { path: 'big.lock', oldPath: null, additions: 90, deletions: 20 },
      { path: 'small.ts', oldPath: null, additions: 5, deletions: 5 },
    ], limits);
    expect([...plan.summarised.keys()]).toEqual(['big.lock']);
    expect(plan.summarised.get('big.lock')).toMatch(/110 lines changed: too large/);
    expect(plan.limited).toBeNull();
  });
  it('stops including files once the whole-diff budget is spent, and says so', () => {
    const plan = planDiffBudget([
      { path: 'a', oldPath: null, additions: 80, deletions: 0 },
      { path: 'b', oldPath: null, additions: 80, deletions: 0 },
      { path: 'c', oldPath: null, additions: 10, deletions: 0 },
      { path: 'bin', oldPath: null, additions: null, deletions: null },
    ], limits);
    expect([...plan.summarised.keys()]).toEqual(['b']);
    expect(plan.limited).toMatch(/larger than 150 lines/);
  });
});

describe('conflictHunks', () => {
  it('finds merge-style conflicts with context and labels', () => {
    const text = ['a', 'b', 'c', 'd', '<<<<<<< main', 'ours 1', '=======', 'theirs 1', 'theirs 2', '>>>>>>> feature', 'e', 'f', ''].join('\n');
    expect(conflictHunks(text)).toEqual([
      { line: 5, before: ['b', 'c', 'd'], ours: ['ours 1'], base: null, theirs: ['theirs 1', 'theirs 2'], after: ['e', 'f'], oursLabel: 'main', theirsLabel: 'feature' },
    ]);
  });
  it('reads the ancestor part of diff3 style and several regions', () => {
    const text = ['<<<<<<< A', 'x', '||||||| base', 'o', '=======', 'y', '>>>>>>> B', 'mid', '<<<<<<< A', '=======', 'z', '>>>>>>> B'].join('\n');
    const hunks = conflictHunks(text);
    expect(hunks.map((h) => [h.line, h.ours, h.base, h.theirs])).toEqual([
      [1, ['x'], ['o'], ['y']],
      [9, [], null, ['z']],
    ]);
    expect(hunks[1]?.before).toEqual(['mid']);
  });
  it('leaves an unclosed marker-like line alone', () => {
    expect(conflictHunks(['<<<<<<< not closed', '=======', 'text'].join('\n'))).toEqual([]);
  });
});
