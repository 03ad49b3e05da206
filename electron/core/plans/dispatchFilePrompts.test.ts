import { describe, expect, it } from 'vitest';
import { readDispatchFilePrompts } from './dispatchFilePrompts';
import { fixture, toCrlf } from './fixtures';

/** Three local dispatch files as three different people wrote them (fixtures/dispatch-files/). */
const read = (name: string, crlf = false) => {
  const text = fixture(`dispatch-files/${name}`);
  return readDispatchFilePrompts(crlf ? toCrlf(text) : text, name);
};
const summary = (name: string, crlf = false) =>
  read(name, crlf).prompts.map((p) => [p.key, p.title, p.agent, p.mode, p.estCostUsd, p.issueId]);

describe('§8.5 prompts of a deprecated local dispatch file', () => {
  it('one fenced prompt per `## Batch 1A: …` section; the results appended at the bottom are not a prompt', () => {
    const r = read('batch1-dispatch-prompts.md');
    expect(summary('batch1-dispatch-prompts.md')).toEqual([
      ['1A', 'Batch 1A: Session exit skill', null, 'tdd', 4, 'CIA-541'],
      ['1B', 'Batch 1B: Dispatch rules engine', 'Tembo', 'pair', 6, 'CIA-542'],
    ]);
    expect(r.masterIssueId).toBe('CIA-540');
    expect(r.skipped.map((s) => s.heading)).toEqual(['Results (appended after the batch)']);
    // The prompt is the block's text exactly, first line to last.
    expect(r.prompts[0]?.prompt.split('\n')[0]).toBe('Implement on [CIA-541: Session exit skill](https://linear.app/claudian/issue/CIA-541)');
    expect(r.prompts[0]?.prompt.endsWith('Update Linear issue status to Done/In Review.')).toBe(true);
  });

  it('prose prompts straight under `### S-A — Claude Code — review gates` headings; a Notes section is skipped', () => {
    const r = read('multi-agent-dispatch-prompts.md');
    expect(summary('multi-agent-dispatch-prompts.md')).toEqual([
      ['S-A', 'S-A: review gates', 'Claude Code', 'checkpoint', 5, 'CIA-561'],
      ['S-B', 'S-B: lint sweep', 'Cursor', 'quick', 1, 'CIA-562'],
    ]);
    expect(r.masterIssueId).toBe('CIA-560');
    expect(r.skipped.map((s) => s.heading)).toEqual(['Notes']);
    expect(r.prompts[1]?.prompt).toBe(
      'Quick fix on [CIA-562: Lint sweep](https://linear.app/claudian/issue/CIA-562): fix the 4 ESLint errors in src/agents/. Agent: Cursor.\n\nExecution mode: quick | Worktree: n/a\n\nDeliverable: one PR under 5 lines per file, ~$1.',
    );
  });

  it('several fenced blocks in one section, each named by the bold label above it', () => {
    const r = read('linear-mastery-week3-prompts.md');
    expect(summary('linear-mastery-week3-prompts.md')).toEqual([
      ['3A', 'Batch 3A: label hygiene', 'Claude Code', 'spike', 2, 'CIA-581'],
      ['3B', 'Batch 3B: cycle report', 'cto.new', 'tdd', 3, 'CIA-582'],
    ]);
    expect(r.masterIssueId).toBe('CIA-580');
  });

  it('reads a CRLF file the same way', () => {
    expect(summary('multi-agent-dispatch-prompts.md', true).map((p) => p.slice(0, 4))).toEqual(summary('multi-agent-dispatch-prompts.md').map((p) => p.slice(0, 4)));
  });

  it('unlabelled blocks get P1, P2…; a file without prompts yields none', () => {
    const text = '# Prompts\n\n```\nDo the thing on [X-1](u).\n\nTasks:\n1. a\n```\n\n```\nAnother.\nDeliverable: b\n```\n';
    expect(readDispatchFilePrompts(text, 'batch9-dispatch-prompts.md').prompts.map((p) => [p.key, p.title])).toEqual([
      ['P1', 'Do the thing on X-1.'],
      ['P2', 'Another.'],
    ]);
    expect(readDispatchFilePrompts('# Nothing\n\nJust notes.\n', 'batch2-dispatch-prompts.md').prompts).toEqual([]);
  });
});
