import { describe, expect, it } from 'vitest';
import type { DiffFile } from '../../../../shared/domain/review';
import { diffRows } from './diffRows';

const file = (over: Partial<DiffFile>): DiffFile => ({ path: 'a.ts', oldPath: null, status: 'modified', binary: false, additions: 0, deletions: 0, summarised: null, hunks: [], ...over });

const edited = file({
  hunks: [{ header: '@@ -10,4 +10,4 @@', oldStart: 10, oldLines: 4, newStart: 10, newLines: 4, lines: [' keep', '-old 1', '-old 2', '+new 1', ' tail', '+added', '\\ No newline at end of file'] }],
});

describe('diffRows', () => {
  it('numbers unified lines from the hunk header and marks the missing final newline', () => {
    const rows = diffRows([edited], 'unified');
    expect(rows.map((r) => (r.kind === 'line' ? [r.type, r.oldNo, r.newNo, r.text, r.noNewline] : r.kind))).toEqual([
      'file',
      'hunk',
      ['context', 10, 10, 'keep', false],
      ['del', 11, null, 'old 1', false],
      ['del', 12, null, 'old 2', false],
      ['add', null, 11, 'new 1', false],
      ['context', 13, 12, 'tail', false],
      ['add', null, 13, 'added', true],
    ]);
  });

  it('faces removals with the additions after them side by side, leaving the extra side empty', () => {
    const rows = diffRows([edited], 'split').filter((r) => r.kind === 'pair');
    expect(rows.map((r) => (r.kind === 'pair' ? [r.left?.no ?? null, r.left?.text ?? null, r.right?.no ?? null, r.right?.text ?? null] : null))).toEqual([
      [10, 'keep', 10, 'keep'],
      [11, 'old 1', 11, 'new 1'],
      [12, 'old 2', null, null],
      [13, 'tail', 12, 'tail'],
      [null, null, 13, 'added'],
    ]);
  });

  it('says why a file has no lines, and hides the lines of a collapsed file', () => {
    const rows = diffRows([file({ path: 'logo.png', binary: true }), file({ status: 'renamed', oldPath: 'b.ts' }), edited], 'unified', new Set([2]));
    expect(rows.map((r) => (r.kind === 'note' ? r.text : r.kind))).toEqual(['file', 'Binary file: not shown', 'file', 'Renamed without changes', 'file']);
  });
});
