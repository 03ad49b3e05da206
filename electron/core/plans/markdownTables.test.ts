import { describe, expect, it } from 'vitest';
import { readMarkdownTables } from './markdownTables';

describe('readMarkdownTables: any GFM table of any markdown, read-only', () => {
  it('reads cells with markup dropped and escapes resolved, under the nearest heading', () => {
    const md = 'intro\n\n## Findings\n\n| A | B |\n|---|---|\n| **bold** [link](https://x.test) | `a \\| b` |\n| short |\n\nafter\n';
    expect(readMarkdownTables(md)).toEqual([{ line: 5, heading: 'Findings', columns: ['A', 'B'], rows: [['bold link', 'a | b'], ['short']] }]);
  });

  it('reads a table quoted or nested in a list, and drops cells beyond the header', () => {
    const md = '> | X | Y |\n> |---|---|\n> | 1 | 2 |\n\n- item\n\n  | P |\n  |---|\n  | q | extra |\n';
    expect(readMarkdownTables(md).map((t) => [t.heading, t.columns, t.rows])).toEqual([
      [null, ['X', 'Y'], [['1', '2']]],
      [null, ['P'], [['q']]],
    ]);
  });

  it('is empty for text without tables', () => {
    expect(readMarkdownTables('no | table here\njust text')).toEqual([]);
  });
});
