import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFindingTables } from './readFindingTables';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface Expected {
  file: string;
  /** Per findings table: the findings as [label, title, severity, effort, location, recommendation, decision cell]. */
  tables: [string, string, string | null, string | null, string | null, string | null, string][][];
}

const CASES: Expected[] = [
  {
    file: 'rdr-standard.md',
    tables: [
      [
        ['1', 'Batch packing is greedy (4 → 3+1)', 'High', null, 'electron/core/dispatch/batches.ts:88', 'Pack into batches of two or three (4 → 2+2)', ''],
        ['2', 'Missing null check on masterIssue', 'Low', null, 'DispatchView.tsx:51', 'Guard with ?. and show "no master issue"', ''],
        ['3', 'Error message says "Approve" where it means "Reject"', 'Trivial', null, 'BatchLane.tsx:140', 'Fix the copy', ''],
      ],
    ],
  },
  {
    file: 'rdr-models.md',
    tables: [
      [
        ['F1', 'Poller retries forever on 401', 'Critical', 'Small', null, null, ''],
        ['F2', 'Race between approve and plan reload', 'High', 'Medium', null, null, 'agree'],
        ['F3', 'Toast text is not localised', 'Low', 'Trivial', null, null, ''],
        ['F4', 'Cache dir not created on first run', 'Medium', 'S', null, null, 'Deferred — next sprint'],
      ],
    ],
  },
  {
    // No # column: findings are numbered by row; bold and links drop to their text; `\|` is a literal pipe.
    file: 'rdr-informal.md',
    tables: [
      [
        ['1', 'Merge button enabled while a merge runs', null, 'small', 'MergeView.tsx', 'disable it while busy', ''],
        ['2', 'Order list uses a | b in the label', null, 'trivial', 'MergeOrderList.tsx', 'escape the pipe', ''],
        ['3', 'no test for the conflict banner', null, 'medium', null, null, ''],
      ],
    ],
  },
  {
    // Two findings tables under their own headings; the dispatch table after them is not findings.
    file: 'rdr-two-tables.md',
    tables: [
      [
        ['C1', 'Research tracks counted by Focus words', 'High', null, null, 'Decide from the type label', 'agree'],
        ['C2', 'spike (analysis-only) does not parse', 'Medium', null, null, "Accept the rule book's spelling", 'reject: already fixed in #12'],
      ],
      [['S1', 'Two helpers named isBase', 'Nit', null, null, 'One isBaseBranch', '']],
    ],
  },
  {
    // Short rows keep what they have; an all-empty row is no finding.
    file: 'rdr-missing-cells.md',
    tables: [
      [
        ['1', 'API key logged at debug level', 'Critical', null, 'linearGateway.ts', 'Redact', ''],
        ['2', 'Token scope not checked', null, null, null, null, ''],
        ['3', 'Socket accepts any origin', 'High', null, 'server/socket.ts', 'Check Origin header', 'TBD'],
      ],
    ],
  },
  { file: 'not-findings.md', tables: [] },
];

describe('readFindingTables: review findings tables in Linear comments, as people write them', () => {
  it.each(CASES)('$file', ({ file, tables }) => {
    const parsed = readFindingTables(fixture(file));
    expect(parsed.map((t) => t.findings.map((f) => [f.label, f.title, f.severity, f.effort, f.location, f.recommendation, f.decisionCell]))).toEqual(tables);
  });

  it('reads per-model vote columns (✓ ✗ yes no; a dash casts no vote) and keeps their header names', () => {
    const [models] = readFindingTables(fixture('rdr-models.md'));
    expect(models?.findings.map((f) => f.votes.map((v) => v.agrees))).toEqual([
      [true, true, false],
      [true, true, true],
      [true, false, false],
      [true, true, null],
    ]);
    expect(models?.findings[0]?.votes.map((v) => v.model)).toEqual(['Claude', 'GPT', 'Gemini']);
    const [security] = readFindingTables(fixture('rdr-missing-cells.md'));
    expect(security?.findings.map((f) => f.votes.map((v) => v.agrees))).toEqual([
      [true, true],
      [true, null],
      [false, true],
    ]);
  });

  it('keys findings by their # cell, numbering rows when the table has none, and says where each table is', () => {
    const two = readFindingTables(fixture('rdr-two-tables.md'));
    expect(two.map((t) => [t.index, t.heading, t.findings.map((f) => f.key)])).toEqual([
      [0, 'Correctness', ['C1', 'C2']],
      [1, 'Style', ['S1']],
    ]);
    expect(readFindingTables(fixture('rdr-informal.md'))[0]?.findings.map((f) => f.key)).toEqual(['row-1', 'row-2', 'row-3']);
  });

  it('numbers rows when the # cells repeat (a key must name one finding)', () => {
    const md = '| # | Finding | Severity |\n|---|---|---|\n| 1 | a | low |\n| 1 | b | high |\n';
    expect(readFindingTables(md)[0]?.findings.map((f) => [f.key, f.title])).toEqual([
      ['row-1', 'a'],
      ['row-2', 'b'],
    ]);
  });

  it('keeps unknown columns as details for the sub-issue description', () => {
    const md = '| # | Finding | Severity | Rationale | Owner |\n|---|---|---|---|---|\n| 7 | Leaks a handle | High | fd never closed | |\n';
    expect(readFindingTables(md)[0]?.findings[0]?.details).toEqual([{ column: 'Rationale', value: 'fd never closed' }]);
  });
});

describe('readFindingTables: a table in a <details> block without outer pipes, emoji and a tally column', () => {
  it('reads it; a table inside a code fence is no table', () => {
    const tables = readFindingTables(fixture('rdr-emoji-tally.md'));
    expect(tables).toHaveLength(1);
    expect(tables[0]?.findings.map((f) => [f.key, f.title, f.severity, f.effort, f.decisionCell, f.tally])).toEqual([
      ['R1', 'Plan write loses a trailing newline on Windows line endings', '🔴 Critical', '~1h', '✅ Agree', { agreeing: 3, voting: 3 }],
      ['R2', '--demo port clashes with a running dev server', '🟠 High', 'XS', '🟢 agree (use port 0)', { agreeing: 2, voting: 3 }],
      ['R3', 'Prompt template repeats the issue title', '🟢 Low', null, '❌', { agreeing: 1, voting: 3 }],
      ['R4', 'Status pill colours fail contrast in light theme', '🟡 Medium', '30m', '', { agreeing: 2, voting: 3 }],
    ]);
  });
});
