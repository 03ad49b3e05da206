import { describe, expect, it } from 'vitest';
import { parsePlan } from './parsePlan';
import { resolvePlanSessions } from './planSessions';

const link = (id: string) => `[${id}](https://linear.app/acme/issue/${id})`;

const PHASES = `## Phase Map
| Phase | Issues | Focus | Batch | Dependencies |
|---|---|---|---|---|
| 1A | ${link('CIA-10')} | Review gates | 1 | None |
| 1B | ${link('CIA-11')} | Dispatch rules | 1 | None |
| 1C | ${link('CIA-12')} | Insights v2 | 1 | None |
`;

const LABELLED = `${PHASES}
## Dispatch
| Session | Issue | Focus | Mode | Est. Cost | Agent | Branch |
|---|---|---|---|---|---|---|
| S-A | ${link('CIA-10')} | Review gates | pair | ~$5 | Claude Code | claude/cia-10-gates |
| S-B | ${link('CIA-11')} | Dispatch rules | pair | ~$3 | Claude Code | claude/cia-11-rules |
| S-C | ${link('CIA-12')} | Insights v2 | tdd | ~$8 | Claude Code | claude/cia-12-insights |
`;

function order(text: string): { keys: string[]; declared: boolean; unmatched: string[] } {
  const r = resolvePlanSessions(parsePlan(text, '/p/2026-03-01-ccc-x.md')).mergeOrder;
  return { keys: r.keys, declared: r.declared, unmatched: r.unmatched.map((u) => u.token) };
}

describe('resolvePlanSessions', () => {
  it('resolves a labelled table to phases, issues and the branches as written', () => {
    const s = resolvePlanSessions(parsePlan(LABELLED, '/p/x.md'));
    expect(s.sessions.map((x) => [x.key, x.phase, x.issueId, x.branch, x.batch])).toEqual([
      ['S-A', '1A', 'CIA-10', 'claude/cia-10-gates', 1],
      ['S-B', '1B', 'CIA-11', 'claude/cia-11-rules', 1],
      ['S-C', '1C', 'CIA-12', 'claude/cia-12-insights', 1],
    ]);
    expect(s.find('1B')?.key).toBe('S-B');
    expect(s.find('cia-12')?.key).toBe('S-C');
    expect(s.find('claude/cia-10-gates')?.key).toBe('S-A');
  });

  it.each([
    ['a line of labels', 'Merge order: S-C, S-A, S-B', ['S-C', 'S-A', 'S-B']],
    ['bold label and arrows', '**Merge order:** S-B → S-C → S-A', ['S-B', 'S-C', 'S-A']],
    ['phase ids with ->', 'Merge order: 1C -> 1A -> 1B', ['S-C', 'S-A', 'S-B']],
    ['issue ids, linked', `> **Merge order**: ${link('CIA-11')}, ${link('CIA-10')}, ${link('CIA-12')}`, ['S-B', 'S-A', 'S-C']],
    ['inline numbering', 'Merge order (batch 1): 1) S-C 2) S-B 3) S-A', ['S-C', 'S-B', 'S-A']],
    ['then', 'Merge order: S-A then S-C then S-B', ['S-A', 'S-C', 'S-B']],
    ['a list under a heading', '### Merge order\n\n1. S-B — smallest diff\n2. S-A\n3. S-C\n', ['S-B', 'S-A', 'S-C']],
    ['a label line and a list below', 'Merge order:\n\n- S-C\n- S-B\n- S-A\n', ['S-C', 'S-B', 'S-A']],
    ['prose', 'We merge S-B first, then S-C, and S-A last.', ['S-B', 'S-C', 'S-A']],
    ['prose with after', 'S-A should merge after S-C.', ['S-C', 'S-A', 'S-B']],
  ])('reads %s', (_name, line, expected) => {
    const r = order(`${LABELLED}\n${line}\n`);
    expect(r.keys).toEqual(expected);
    expect(r.declared).toBe(true);
  });

  it('reads a Merge order column', () => {
    const text = `${PHASES}
| Session | Issue | Focus | Mode | Agent | Merge order |
|---|---|---|---|---|---|
| 1A | ${link('CIA-10')} | a | pair | Claude Code | 3 |
| 1B | ${link('CIA-11')} | b | pair | Claude Code | 1 |
| 1C | ${link('CIA-12')} | c | pair | Claude Code | 2 |
`;
    expect(order(text)).toEqual({ keys: ['1B', '1C', '1A'], declared: true, unmatched: [] });
  });

  it('says which declared token matches nothing, and keeps the rest in plan order', () => {
    expect(order(`${LABELLED}\nMerge order: S-C, S-Z\n`)).toEqual({ keys: ['S-C', 'S-A', 'S-B'], declared: true, unmatched: ['S-Z'] });
  });

  it('is not declared when the plan says nothing', () => {
    expect(order(LABELLED)).toEqual({ keys: ['S-A', 'S-B', 'S-C'], declared: false, unmatched: [] });
  });

  it('ignores merge-order lines inside code blocks and tables', () => {
    expect(order(`${LABELLED}\n\`\`\`\nMerge order: S-C, S-B\n\`\`\`\n`).declared).toBe(false);
  });

  it('keeps phases with no dispatch row as sessions of their own, after the declared ones', () => {
    const text = `${PHASES}| 2A | ${link('CIA-20')} | Later | 2 | 1A |\n\n## Dispatch — Batch 1\n| Session | Issue | Focus | Mode | Agent | Worktree |\n|---|---|---|---|---|---|\n| 1B | ${link('CIA-11')} | b | pair | Claude Code | yes |\n\nMerge order: 1B\n`;
    const s = resolvePlanSessions(parsePlan(text, '/p/x.md'));
    expect(s.mergeOrder.keys).toEqual(['1B', '1A', '1C', '2A']);
    expect(s.find('CIA-20')?.dispatchRow).toBeNull();
  });

  it('attaches Session Registry rows by branch, phase or issue', () => {
    const text = `${LABELLED}
## Session Registry
| Session Name | Issue | Phase | Agent | Worktree | Branch | Status |
|---|---|---|---|---|---|---|
| lucid-euler | ${link('CIA-10')} | 1A | Claude Code | yes | claude/cia-10-gates | Done |
| (direct main) | ${link('CIA-12')} | | Claude Code | no | main | Active |
`;
    const s = resolvePlanSessions(parsePlan(text, '/p/x.md'));
    expect(s.find('S-A')?.sessionName).toBe('lucid-euler');
    expect(s.find('S-C')?.registryRow?.status).toBe('Active');
    expect(s.find('lucid-euler')?.key).toBe('S-A');
  });
});
