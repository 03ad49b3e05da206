import { describe, expect, it } from 'vitest';
import { parseMergeTreeOutput } from './parseMergeTree';

const T = '32198ff7d65734d98040ef13554d40d1f6e0a998';
const nul = (...parts: string[]) => parts.join('\0');

describe('parseMergeTreeOutput', () => {
  const cases: Array<{ name: string; out: string; code: number; expected: ReturnType<typeof parseMergeTreeOutput> }> = [
    { name: 'clean merge, tree only', out: `${T}\0`, code: 0, expected: { tree: T, conflicts: false, files: [], messages: [] } },
    { name: 'clean merge without trailing NUL', out: `${T}\n`, code: 0, expected: { tree: T, conflicts: false, files: [], messages: [] } },
    {
      name: 'one content conflict with messages (real git 2.39 output)',
      out: nul(T, 'f', '', '1', 'f', 'Auto-merging', 'Auto-merging f\n', '1', 'f', 'CONFLICT (contents)', 'CONFLICT (content): Merge conflict in f\n', ''),
      code: 1,
      expected: {
        tree: T,
        conflicts: true,
        files: ['f'],
        messages: ['Auto-merging f', 'CONFLICT (content): Merge conflict in f'],
      },
    },
    {
      name: 'rename/rename message naming three paths',
      out: nul(T, 'a', 'b', 'c', '', '3', 'a', 'b', 'c', 'CONFLICT (rename/rename)', 'CONFLICT (rename/rename): a renamed to b and c\n', ''),
      code: 1,
      expected: { tree: T, conflicts: true, files: ['a', 'b', 'c'], messages: ['CONFLICT (rename/rename): a renamed to b and c'] },
    },
    {
      name: 'odd file names (spaces, newline, unicode) survive -z',
      out: `${T}\0dir/with space.txt\0new\nline\0ünï.md\0\0`,
      code: 1,
      expected: { tree: T, conflicts: true, files: ['dir/with space.txt', 'new\nline', 'ünï.md'], messages: [] },
    },
    {
      name: 'stage lines without --name-only are collapsed to one path',
      out: nul(T, `100644 ${T} 1\tf`, `100644 ${T} 2\tf`, `100644 ${T} 3\tf`, '', ''),
      code: 1,
      expected: { tree: T, conflicts: true, files: ['f'], messages: [] },
    },
    { name: 'error exit', out: '', code: 128, expected: null },
    { name: 'garbage', out: 'fatal: nope\0', code: 1, expected: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parseMergeTreeOutput(c.out, c.code)).toEqual(c.expected);
    });
  }
});
