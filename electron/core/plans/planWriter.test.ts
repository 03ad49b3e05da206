import { describe, expect, it } from 'vitest';
import { BROKEN, CRLF, FULL_PLAN, LEGACY, RULEBOOK, fixture, toCrlf } from './fixtures';
import { parsePlan } from './parsePlan';
import {
  appendToSection,
  setSessionRegistryStatus,
  upsertSection,
  upsertSessionRegistryRows,
} from './planWriter';
import { expectAllCrlf, expectOnlyChanged } from './testDiff';

const full = fixture(FULL_PLAN);
const rulebook = fixture(RULEBOOK);
const legacy = fixture(LEGACY);
const span = (text: string, needle: string): [number, number] => {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`missing ${needle}`);
  return [start, start + needle.length];
};

describe('setSessionRegistryStatus', () => {
  it('changes only the Status cell of the named session', () => {
    const after = setSessionRegistryStatus(full, 'lucid-euler', 'Failed');
    const [start, end] = span(full, 'Done |\n| (direct main)');
    expectOnlyChanged(full, after, start, end);
    expect(after).toContain('| claude/lucid-euler | Failed |\n');
    expect(parsePlan(after, 'x.md').sessionRegistry[0]?.status).toBe('Failed');
  });

  it('finds a row by issue id and matches names case-insensitively', () => {
    const byIssue = setSessionRegistryStatus(full, 'CIA-541', 'Done');
    expect(parsePlan(byIssue, 'x.md').sessionRegistry.map((r) => r.status)).toEqual(['Done', 'Done']);
    const byName = setSessionRegistryStatus(full, '(DIRECT MAIN)', 'Merged');
    expect(parsePlan(byName, 'x.md').sessionRegistry[1]?.status).toBe('Merged');
  });

  it('writes the status of a short rule-book row into its last cell', () => {
    const after = setSessionRegistryStatus(rulebook, 'luminous-meandering-zephyr', 'Done');
    const [start, end] = span(rulebook, 'Active |');
    expectOnlyChanged(rulebook, after, start, end);
    expect(parsePlan(after, 'x.md').sessionRegistry[2]).toMatchObject({ worktree: null, branch: null, status: 'Done' });
  });

  it('extends a short row that has no status cell yet', () => {
    const after = setSessionRegistryStatus(legacy, 'quiet-amber-fox', 'Active');
    const [, end] = span(legacy, '| quiet-amber-fox | CIA-415 | 2 | Claude Code |');
    expectOnlyChanged(legacy, after, end, end);
    expect(after).toContain('| quiet-amber-fox | CIA-415 | 2 | Claude Code | Active |\n');
    expect(parsePlan(after, 'x.md').sessionRegistry[1]?.status).toBe('Active');
  });

  it('escapes pipes and keeps the value readable after a re-parse', () => {
    const after = setSessionRegistryStatus(full, 'lucid-euler', 'Failed | see log\nnext');
    expect(parsePlan(after, 'x.md').sessionRegistry[0]?.status).toBe('Failed | see log next');
    expect(parsePlan(after, 'x.md').sessionRegistry).toHaveLength(2);
  });

  it('keeps the cell width of an aligned column', () => {
    const text = '## Session Registry\n\n| Session Name | Issue | Status      |\n|--------------|-------|-------------|\n| a            | CIA-1 | Active      |\n';
    const after = setSessionRegistryStatus(text, 'a', 'Done');
    expect(after).toBe(text.replace('| Active      |', '| Done        |'));
  });

  it('returns the text unchanged when nothing matches', () => {
    expect(setSessionRegistryStatus(full, 'nobody', 'Done')).toBe(full);
    expect(setSessionRegistryStatus('no registry here', 'x', 'Done')).toBe('no registry here');
  });

  it('keeps CRLF line endings and the missing final newline', () => {
    const crlf = fixture(CRLF);
    const after = setSessionRegistryStatus(crlf, 'brave-otter', 'Done');
    expectAllCrlf(after);
    expect(after.endsWith('- [ ] Runs on Windows')).toBe(true);
    const [start, end] = span(crlf, 'Active');
    expectOnlyChanged(crlf, after, start, end);
  });
});

describe('upsertSessionRegistryRows', () => {
  it('appends new rows right after the last row', () => {
    const after = upsertSessionRegistryRows(full, [
      {
        sessionName: 'brave-otter',
        issue: { id: 'CIA-542', url: 'https://linear.app/claudian/issue/CIA-542', title: null, linked: true },
        phase: '2A',
        agent: 'Claude Code',
        worktree: 'yes',
        branch: 'claude/brave-otter',
        status: 'Active',
      },
    ]);
    const [, end] = span(full, '| main | Active |\n');
    expectOnlyChanged(full, after, end, end);
    expect(after).toContain('| main | Active |\n| brave-otter | [CIA-542](https://linear.app/claudian/issue/CIA-542) | 2A | Claude Code | yes | claude/brave-otter | Active |\n\n## Key Files');
    expect(parsePlan(after, 'x.md').sessionRegistry.map((r) => r.sessionName)).toEqual(['lucid-euler', '(direct main)', 'brave-otter']);
  });

  it('updates an existing row in place (only the given fields)', () => {
    const after = upsertSessionRegistryRows(full, [{ sessionName: 'lucid-euler', status: 'Merged', branch: 'claude/lucid-euler' }]);
    const [start, end] = span(full, 'Done |\n| (direct main)');
    expectOnlyChanged(full, after, start, end);
    expect(parsePlan(after, 'x.md').sessionRegistry[0]?.status).toBe('Merged');
  });

  it('rewrites only the row when a short row must gain its Worktree/Branch cells', () => {
    const after = upsertSessionRegistryRows(rulebook, [
      { sessionName: 'luminous-meandering-zephyr', worktree: 'yes', branch: 'claude/cia-387-dispatch-rules' },
    ]);
    const [start, end] = span(rulebook, '| luminous-meandering-zephyr | [CIA-387](https://linear.app/claudian/issue/CIA-387) | 1B | Claude Code | Active |');
    expectOnlyChanged(rulebook, after, start, end);
    expect(parsePlan(after, 'x.md').sessionRegistry[2]).toEqual({
      sessionName: 'luminous-meandering-zephyr',
      issue: { id: 'CIA-387', url: 'https://linear.app/claudian/issue/CIA-387', title: null, linked: true },
      phase: '1B',
      agent: 'Claude Code',
      worktree: 'yes',
      branch: 'claude/cia-387-dispatch-rules',
      status: 'Active',
    });
  });

  it('keeps several (direct main) rows apart by issue', () => {
    const after = upsertSessionRegistryRows(full, [{ sessionName: '(direct main)', issue: 'CIA-999', phase: '3', status: 'Active' }]);
    expect(parsePlan(after, 'x.md').sessionRegistry.map((r) => [r.sessionName, r.issue?.id])).toEqual([
      ['lucid-euler', 'CIA-540'],
      ['(direct main)', 'CIA-541'],
      ['(direct main)', 'CIA-999'],
    ]);
  });

  it('fills an older table (no Worktree/Branch) by its own columns', () => {
    const after = upsertSessionRegistryRows(legacy, [{ sessionName: 'new-one', issue: 'CIA-420', phase: '3', agent: 'Claude Code', worktree: 'yes', status: 'Active' }]);
    expect(after).toContain('| quiet-amber-fox | CIA-415 | 2 | Claude Code |\n| new-one | CIA-420 | 3 | Claude Code | Active |\n');
  });

  it('pads new rows in an aligned table', () => {
    const text = '## Session Registry\n\n| Session Name | Issue | Status |\n|--------------|-------|--------|\n';
    const after = upsertSessionRegistryRows(text, [{ sessionName: 'a', issue: 'CIA-1', status: 'Done' }]);
    expect(after).toBe(`${text}| a            | CIA-1 | Done   |\n`);
  });

  it('creates the table inside an existing section without a table', () => {
    const broken = fixture(BROKEN);
    const after = upsertSessionRegistryRows(broken, [{ sessionName: 's1', issue: 'CIA-1', status: 'Active' }]);
    const [, end] = span(broken, 'No table here yet.\n');
    expectOnlyChanged(broken, after, end, end);
    expect(parsePlan(after, 'x.md').sessionRegistry).toMatchObject([{ sessionName: 's1', status: 'Active' }]);
  });

  it('creates the section at the end of a CRLF file, keeping CRLF and no final newline', () => {
    const text = '# Plan\r\n\r\nBody';
    const after = upsertSessionRegistryRows(text, [{ sessionName: 's1', issue: 'CIA-1' }]);
    expect(after.startsWith(text)).toBe(true);
    expectAllCrlf(after);
    expect(after.endsWith('\n')).toBe(false);
    expect(parsePlan(after, 'x.md').sessionRegistry).toMatchObject([{ sessionName: 's1', issue: { id: 'CIA-1' } }]);
  });
});

describe('upsertSection', () => {
  it('replaces a middle section body and keeps everything else', () => {
    const after = upsertSection(full, '## Key Files', '| File | Purpose |\n|---|---|\n| a.ts | A |');
    const [start] = span(full, '| File | Purpose |');
    const [end] = span(full, '\n## Verification');
    expectOnlyChanged(full, after, start, end);
    expect(parsePlan(after, 'x.md').keyFiles).toEqual([{ file: 'a.ts', purpose: 'A' }]);
  });

  it('replaces the last section before the footer and keeps the footer', () => {
    const after = upsertSection(full, 'merge log', '- one\n- two');
    expect(after.endsWith('- one\n- two\n\n---\n\n_Last edited by hand._\n')).toBe(true);
    expect(parsePlan(after, 'x.md').mergeLog.map((e) => e.text)).toEqual(['one', 'two']);
  });

  it('appends a missing section at the end', () => {
    const after = upsertSection(full, '## Semantic Conflicts', '- none yet');
    expect(after.startsWith(full)).toBe(true);
    expect(after.slice(full.length)).toBe('\n## Semantic Conflicts\n\n- none yet\n');
  });
});

describe('appendToSection', () => {
  it('appends to the approvals log after its last entry', () => {
    const after = appendToSection(full, '## Dispatch Approvals', '- 2026-02-21 09:00 Override: S-C approved over budget');
    const [, end] = span(full, '(2 sessions, ~$8)\n');
    expectOnlyChanged(full, after, end, end);
    expect(parsePlan(after, 'x.md').approvals.map((a) => a.text)).toEqual([
      '2026-02-20 10:02 Batch 1 approved by cian (2 sessions, ~$8)',
      '2026-02-21 09:00 Override: S-C approved over budget',
    ]);
  });

  it('appends to the last section before the document footer', () => {
    const after = appendToSection(full, 'Merge Log', ['- 2026-02-21 S-B merged']);
    expect(after).toContain('→ main)\n- 2026-02-21 S-B merged\n\n---\n');
    expect(parsePlan(after, 'x.md').mergeLog).toHaveLength(2);
  });

  it('creates a missing log section at the end, CRLF kept', () => {
    const crlf = toCrlf(full);
    const after = appendToSection(crlf, '## Semantic Conflicts', ['- S-A vs S-B: two registries', '- resolved by cian']);
    expect(after.startsWith(crlf)).toBe(true);
    expectAllCrlf(after);
    expect(parsePlan(after, 'x.md').semanticConflicts.map((e) => e.text)).toEqual(['S-A vs S-B: two registries', 'resolved by cian']);
  });

  it('leaves a blank line after a table so a log line never becomes a row', () => {
    const text = '## Merge Log\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Next\n';
    const after = appendToSection(text, 'Merge Log', 'merged S-A');
    expect(after).toBe('## Merge Log\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nmerged S-A\n\n## Next\n');
  });

  it('handles a heading at the end of a file without a newline', () => {
    expect(appendToSection('# T\n\n## Merge Log', 'Merge Log', '- x')).toBe('# T\n\n## Merge Log\n\n- x');
    expect(appendToSection('## Merge Log\n\n- a', 'Merge Log', '- b')).toBe('## Merge Log\n\n- a\n- b');
  });
});
