import { describe, expect, it } from 'vitest';
import { ParsedPlan } from '../../../shared/domain/plan';
import { BROKEN, CRLF, FULL_PLAN, LEGACY, RULEBOOK, fixture, toCrlf } from './fixtures';
import { parsePlan } from './parsePlan';

const link = (id: string, workspace = 'claudian') => ({
  id,
  url: `https://linear.app/${workspace}/issue/${id}`,
  title: null,
  linked: true,
});
const codes = (plan: ParsedPlan) => plan.diagnostics.map((d) => d.code);

describe('parsePlan: full master plan', () => {
  const plan = parsePlan(fixture(FULL_PLAN), `/plans/${FULL_PLAN}`);

  it('matches the domain schema and has no diagnostics', () => {
    expect(ParsedPlan.parse(plan)).toEqual(plan);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.fileName).toBe(FULL_PLAN);
    expect(plan.title).toBe('Master Plan: Switchyard Dispatch v1');
    expect(plan.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the header lines', () => {
    expect(plan.header).toEqual({
      parentIssue: { ...link('CIA-546'), title: 'Switchyard control room' },
      parentTitle: 'Switchyard control room',
      date: '2026-02-20',
      session: 'luminous-meandering-zephyr',
      supersedes: '2026-02-13-ccc-dispatch-draft.md',
    });
  });

  it('reads the Issue Registry with dependencies', () => {
    expect(plan.issueRegistry).toHaveLength(3);
    expect(plan.issueRegistry[0]).toEqual({
      issue: link('CIA-540'),
      title: 'Plan parser',
      status: 'Done',
      exec: 'tdd',
      est: '3',
      dependsOn: [],
    });
    expect(plan.issueRegistry[2]?.dependsOn).toEqual(['CIA-540', 'CIA-541']);
  });

  it('reads the Phase Map: None, None (parallel with 1A), 1A, 1B', () => {
    expect(plan.phases.map((p) => [p.phase, p.dependencies, p.parallelWith, p.raw])).toEqual([
      ['1A', [], [], 'None'],
      ['1B', [], ['1A'], 'None (parallel with 1A)'],
      ['2A', ['1A', '1B'], [], '1A, 1B'],
    ]);
    expect(plan.phases[2]?.issues.map((i) => i.id)).toEqual(['CIA-542', 'CIA-543']);
    expect(plan.phases[0]?.batch).toBe('1');
  });

  it('reads the full dispatch table (worktree, branch, launch as, merge order)', () => {
    expect(plan.dispatchTables).toHaveLength(1);
    const table = plan.dispatchTables[0];
    expect(table?.heading).toBe('Dispatch — Batch 1');
    expect(table?.variant).toBe('full');
    expect(table?.rows[1]).toEqual({
      session: 'S-B',
      issue: link('CIA-541'),
      focus: 'Registry sync',
      mode: 'pair',
      estCostUsd: 3,
      estCostRaw: '~$3',
      agent: 'Claude Code',
      worktree: 'yes',
      branch: 'claude/cia-541-registry-sync',
      launchAs: 'Plan mode',
      mergeOrder: 2,
      phase: null,
      line: 31,
    });
    expect(table?.batch).toBe(1);
  });

  it('reads the Session Registry, key files, verification and logs', () => {
    expect(plan.sessionRegistry.map((r) => [r.sessionName, r.issue?.id, r.status])).toEqual([
      ['lucid-euler', 'CIA-540', 'Done'],
      ['(direct main)', 'CIA-541', 'Active'],
    ]);
    expect(plan.keyFiles[0]).toEqual({ file: 'electron/core/plans/parsePlan.ts', purpose: 'Plan parser' });
    expect(plan.verification).toEqual([
      { text: 'Parser reads every fixture', checked: true },
      { text: 'Writer keeps untouched bytes', checked: false },
      { text: 'Including CRLF files', checked: false },
      { text: 'npx vitest run electron/core/plans passes', checked: false },
    ]);
    expect(plan.approvals).toEqual([{ text: '2026-02-20 10:02 Batch 1 approved by cian (2 sessions, ~$8)', line: 56 }]);
    // The `---` footer after the last section is not part of the Merge Log.
    expect(plan.mergeLog.map((e) => e.text)).toEqual(['2026-02-20 16:40 S-A merged (claude/cia-540-plan-parser → main)']);
  });

  it('parses the same values from a CRLF copy', () => {
    const crlf = parsePlan(toCrlf(fixture(FULL_PLAN)), FULL_PLAN);
    const { contentHash: _a, ...rest } = crlf;
    const { contentHash: _b, ...expected } = plan;
    expect({ ...rest, path: expected.path }).toEqual(expected);
  });

  it('parses the same values with a BOM', () => {
    const bom = parsePlan(`\uFEFF${fixture(FULL_PLAN)}`, `/plans/${FULL_PLAN}`);
    expect(bom.sessionRegistry).toEqual(plan.sessionRegistry);
    expect(bom.approvals).toEqual(plan.approvals);
  });
});

describe('parsePlan: the rule book examples (verbatim)', () => {
  const plan = parsePlan(fixture(RULEBOOK), RULEBOOK);

  it('reads the Session Registry with a short row and (direct main)', () => {
    expect(plan.sessionRegistry).toEqual([
      { sessionName: 'lucid-euler', issue: link('CIA-540'), phase: '1A', agent: 'Claude Code', worktree: 'yes', branch: 'claude/lucid-euler', status: 'Done' },
      { sessionName: '(direct main)', issue: link('CIA-541'), phase: '1B', agent: 'Claude Code', worktree: 'no', branch: 'main', status: 'Done' },
      // 5 of 7 cells: the last one is the status, Worktree/Branch are absent.
      { sessionName: 'luminous-meandering-zephyr', issue: link('CIA-387'), phase: '1B', agent: 'Claude Code', worktree: null, branch: null, status: 'Active' },
    ]);
    expect(plan.diagnostics.filter((d) => d.code === 'short-row').map((d) => d.line)).toEqual([8, 23]);
  });

  it('reads both dispatch table variants', () => {
    expect(plan.dispatchTables.map((t) => [t.heading, t.variant, t.rows.length])).toEqual([
      ['Before Dispatch', 'worktree', 3],
      ['Branch Dispatch', 'branch', 2],
    ]);
    const [worktree, branch] = plan.dispatchTables;
    expect(worktree?.rows.map((r) => [r.session, r.issue?.id, r.estCostUsd, r.agent, r.worktree])).toEqual([
      ['S-A', 'CIA-413', 5, 'Claude Code', 'yes'],
      ['S-B', 'CIA-387', 3, 'Tembo', 'n/a'],
      ['S-C', 'CIA-414', 8, 'Claude Code', 'yes'],
    ]);
    expect(branch?.rows[0]?.branch).toBe('claude/cia-413-review-gates');
    expect(branch?.rows[1]?.branch).toBeNull(); // short row
  });

  it('flags the non-conventional file name as info only', () => {
    expect(plan.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('parsePlan: tables shown inside code fences', () => {
  it('are code, not tables (the rule book shows its examples that way)', () => {
    const text = [
      '## Session Registry',
      '',
      '```markdown',
      '| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |',
      '|--------------|-------|-------|-------|----------|--------|--------|',
      '| lucid-euler | [CIA-540](https://linear.app/claudian/issue/CIA-540) | 1A | Claude Code | yes | claude/lucid-euler | Done |',
      '```',
      '',
    ].join('\n');
    const plan = parsePlan(text, 'doc.md');
    expect(plan.sessionRegistry).toEqual([]);
    expect(codes(plan)).toContain('missing-table');
  });
});

describe('parsePlan: legacy plan with plain ids', () => {
  const plan = parsePlan(fixture(LEGACY), `/home/u/.claude/plans/${LEGACY}`);

  it('reads plain ids as unlinked refs and warns, without failing', () => {
    expect(plan.sessionRegistry.map((r) => [r.sessionName, r.issue, r.status])).toEqual([
      ['composed-crunching-raven', { id: 'CIA-414', url: null, title: null, linked: false }, 'Done'],
      ['quiet-amber-fox', { id: 'CIA-415', url: null, title: null, linked: false }, null],
    ]);
    const plain = plan.diagnostics.filter((d) => d.code === 'plain-issue-id');
    expect(plain.every((d) => d.severity === 'warning')).toBe(true);
    // Text, table cells and a bare [CIA-414]; never `CIA-416` in code, a path, or UTF-8.
    expect(plain.map((d) => d.line)).toEqual([3, 6, 6, 13, 14, 18, 19]);
    expect(plan.diagnostics.some((d) => d.message.includes('UTF-8') || d.message.includes('CIA-416'))).toBe(false);
  });

  it('flags the random three-word file name and the missing phases', () => {
    expect(codes(plan)).toEqual(expect.arrayContaining(['random-plan-name', 'no-phases', 'short-row', 'date-format']));
    expect(plan.diagnostics.find((d) => d.code === 'random-plan-name')?.severity).toBe('warning');
    expect(plan.header.date).toBe('Feb 9');
    expect(plan.header.parentIssue).toBeNull(); // `Parent:` is not a bold header line
  });
});

describe('parsePlan: broken plan', () => {
  const plan = parsePlan(fixture(BROKEN), BROKEN);

  it('reports instead of throwing', () => {
    expect(codes(plan)).toEqual(
      expect.arrayContaining(['broken-table', 'unknown-column', 'extra-cells', 'missing-table', 'missing-column', 'no-phases', 'unreadable-row']),
    );
    expect(plan.phases).toEqual([]);
    expect(plan.keyFiles).toEqual([]); // the table inside the unclosed fence is code
    expect(codes(plan)).not.toContain('internal-error');
  });

  it('still reads what is readable: escaped pipes, thousands separators', () => {
    expect(plan.issueRegistry.map((r) => [r.issue.id, r.title])).toEqual([['CIA-1', 'One']]);
    expect(plan.dispatchTables[0]?.rows).toHaveLength(1);
    expect(plan.dispatchTables[0]?.rows[0]?.focus).toBe('a | b');
    expect(plan.dispatchTables[0]?.rows[0]?.estCostUsd).toBe(1200);
  });
});

describe('parsePlan: CRLF file without a final newline', () => {
  const plan = parsePlan(fixture(CRLF), CRLF);
  it('reads header, registry and verification', () => {
    expect(fixture(CRLF)).toContain('\r\n');
    expect(plan.header.parentIssue).toEqual({ ...link('ALT-12', 'alteri'), title: 'Agent orchestration' });
    expect(plan.sessionRegistry[0]).toMatchObject({ sessionName: 'brave-otter', branch: 'claude/brave-otter', status: 'Active' });
    expect(plan.verification).toEqual([{ text: 'Runs on Windows', checked: false }]);
  });
});

describe('parsePlan: edge inputs', () => {
  it('handles empty text, no headings, and a table with no body', () => {
    expect(parsePlan('', 'x.md').title).toBe('x');
    expect(parsePlan('just words', 'p/x.md').sections).toEqual([]);
    const headerOnly = parsePlan('## Session Registry\n| Session Name | Issue | Status |\n|---|---|---|\n', 'x.md');
    expect(headerOnly.sessionRegistry).toEqual([]);
    expect(codes(headerOnly)).not.toContain('missing-table');
  });

  it('recognises tables by columns under any heading, with aliases and unknown columns', () => {
    const text = [
      '# Plan',
      '',
      '## Sessions now',
      '',
      '| Session | Issue | Focus | Mode | Cost | Agent | Worktree | Reviewer |',
      '|---|---|---|---|---|---|---|---|',
      '| S-A | [CIA-9: Nine](https://linear.app/w/issue/CIA-9) | x | quick | $2.50 | Claude Code | yes | ann |',
    ].join('\n');
    const plan = parsePlan(text, 'x.md');
    expect(plan.dispatchTables[0]?.heading).toBe('Sessions now');
    expect(plan.dispatchTables[0]?.rows[0]?.issue).toEqual({ id: 'CIA-9', url: 'https://linear.app/w/issue/CIA-9', title: 'Nine', linked: true });
    expect(plan.dispatchTables[0]?.rows[0]?.estCostUsd).toBe(2.5);
    expect(plan.diagnostics.find((d) => d.code === 'unknown-column')?.message).toContain('Reviewer');
  });

  it('tells a Phase Map with a Session column from a dispatch table that names phases instead of issues', () => {
    const text = [
      '| Phase | Session | Issues | Focus | Batch | Dependencies |',
      '|---|---|---|---|---|---|',
      '| 1A | S-A | CIA-1 | Parser | 1 | None |',
      '| 2A | S-B | CIA-2 | Writer | 2 | 1A |',
      '',
      '| Session | Phase | Focus | Mode | Est. Cost (USD) | Agent | Worktree? | Launch mode |',
      '|---|---|---|---|---|---|---|---|',
      '| S-B | 2A | Writer | tdd | ~$3 | Claude Code | yes | Plan mode |',
      '',
      '| Label | Issue | Focus | Mode | Est. Cost | Agent | Worktree |',
      '|---|---|---|---|---|---|---|',
      '| parser | CIA-1 | Parser | tdd | ~$2 | Claude Code | yes |',
      '',
      '| ID | Title | Label | Status |',
      '|---|---|---|---|',
      '| CIA-1 | Parser | exec:tdd | Todo |',
    ].join('\n');
    const plan = parsePlan(text, 'x.md');
    expect(plan.phases.map((p) => p.phase)).toEqual(['1A', '2A']);
    expect(plan.dispatchTables.map((t) => t.rows.map((r) => [r.session, r.phase, r.estCostUsd, r.worktree, r.launchAs]))).toEqual([
      [['S-B', '2A', 3, 'yes', 'Plan mode']],
      [['parser', null, 2, 'yes', null]],
    ]);
    // An Issue Registry's Label column holds exec labels, not sessions.
    expect(plan.issueRegistry.map((r) => r.issue.id)).toEqual(['CIA-1']);
  });

  it('reads header lines given as a list and reference-style links', () => {
    const text = '# T\n\n- **Parent issue:** [CIA-7: Seven][p]\n- **Date:** 2026-01-02\n\n[p]: https://linear.app/w/issue/CIA-7\n';
    const plan = parsePlan(text, 'x.md');
    expect(plan.header.parentIssue).toEqual({ id: 'CIA-7', url: 'https://linear.app/w/issue/CIA-7', title: 'Seven', linked: true });
    expect(plan.header.date).toBe('2026-01-02');
  });

  it('warns when the parent issue is a plain id', () => {
    const plan = parsePlan('# T\n\n**Parent issue:** CIA-7: Seven\n', 'x.md');
    expect(plan.header.parentIssue).toEqual({ id: 'CIA-7', url: null, title: null, linked: false });
    expect(plan.header.parentTitle).toBe('Seven');
    expect(codes(plan)).toContain('plain-issue-id');
  });
});

describe('parsePlan on very big plans', () => {
  const big = (n: number) => {
    const rows = Array.from({ length: n }, (_v, i) => `| P${i} | [CIA-${i + 10}](https://linear.app/w/issue/CIA-${i + 10}) | Focus ${i} | 1 | None |`);
    const registry = Array.from({ length: n }, (_v, i) => `| [CIA-${i + 10}](https://linear.app/w/issue/CIA-${i + 10}) | T${i} | Todo | tdd | 3 | None |`);
    return ['# Big', '', '## Issue Registry', '', '| ID | Title | Status | Exec | Est | Depends On |', '|---|---|---|---|---|---|', ...registry, '', '## Phase Map', '', '| Phase | Issues | Focus | Batch | Dependencies |', '|---|---|---|---|---|', ...rows, '', '## Notes', '', 'The end.', ''].join('\n');
  };

  it('reads every section of a huge plan, each long table up to its first rows, and says what it left out', () => {
    const plan = parsePlan(big(3000), '/p/big.md');
    expect(plan.phases.length).toBe(400);
    expect(plan.issueRegistry.length).toBe(400);
    expect(plan.sections.map((s) => s.heading)).toContain('Notes');
    const warning = plan.diagnostics.find((d) => d.code === 'plan-too-large');
    expect(warning?.message).toMatch(/only the first 400 rows of each table are read \(5,200 rows left out\)/);
  });

  it('leaves a plan under the size alone', () => {
    const plan = parsePlan(big(100), '/p/small.md');
    expect(plan.phases.length).toBe(100);
    expect(plan.diagnostics.some((d) => d.code === 'plan-too-large')).toBe(false);
  });
});
