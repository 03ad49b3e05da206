import { describe, expect, it } from 'vitest';
import { parseStatusV2, uncommittedPaths } from './parseStatus';

const H = 'b'.repeat(40);
const one = (xy: string, path: string) => `1 ${xy} N... 100644 100644 100644 ${H} ${H} ${path}`;

describe('parseStatusV2', () => {
  it.each([
    ['empty', '', { oid: null, head: null, entries: [] }],
    [
      'branch headers',
      `# branch.oid ${H}\0# branch.head claude/cia-1-x\0# branch.upstream origin/x\0# branch.ab +3 -1\0`,
      { oid: H, head: 'claude/cia-1-x', upstream: 'origin/x', ahead: 3, behind: 1, entries: [] },
    ],
    ['initial + detached', '# branch.oid (initial)\0# branch.head (detached)\0', { oid: null, head: null }],
    [
      'changed file with spaces in its name',
      `${one('.M', 'src/a file.ts')}\0`,
      { entries: [{ kind: 'changed', xy: '.M', path: 'src/a file.ts', origPath: null }] },
    ],
    [
      'rename carries the original path in the next field',
      `2 R. N... 100644 100644 100644 ${H} ${H} R100 new.ts\0old.ts\0? u.txt\0`,
      {
        entries: [
          { kind: 'renamed', path: 'new.ts', origPath: 'old.ts' },
          { kind: 'untracked', path: 'u.txt' },
        ],
      },
    ],
    [
      'unmerged and ignored',
      `u UU N... 100644 100644 100644 100644 ${H} ${H} ${H} c.ts\0! dist/x.js\0`,
      { entries: [{ kind: 'unmerged', xy: 'UU', path: 'c.ts' }, { kind: 'ignored', path: 'dist/x.js' }] },
    ],
    ['garbage is counted, not fatal', 'zzz\0# \0', { unknown: 2, entries: [] }],
  ])('%s', (_n, input, expected) => {
    expect(parseStatusV2(input)).toMatchObject(expected);
  });

  it('uncommittedPaths: both sides of a rename, no ignored files, sorted and unique', () => {
    const s = parseStatusV2(`2 R. N... 100644 100644 100644 ${H} ${H} R100 z.ts\0a.ts\0${one('M.', 'm.ts')}\0! ig\0? m.ts\0`);
    expect(uncommittedPaths(s)).toEqual(['a.ts', 'm.ts', 'z.ts']);
  });

  // Moved from merge/backupRefStore.test.ts: the merge engine read porcelain v1 with a parser of its
  // own; it now reads v2 through this one. Same worktree state, v2 records.
  it('lists modified, untracked and both sides of a rename (what merge calls dirty files)', () => {
    const s = parseStatusV2([one('.M', 'a.txt'), '? new file.txt', `2 R. N... 100644 100644 100644 ${H} ${H} R100 to.txt`, 'from.txt', ''].join('\0'));
    expect(uncommittedPaths(s)).toEqual(['a.txt', 'from.txt', 'new file.txt', 'to.txt']);
  });
});
