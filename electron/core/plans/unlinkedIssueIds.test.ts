import { describe, expect, it } from 'vitest';
import { LEGACY, fixture } from './fixtures';
import { findUnlinkedIssueIds, issueUrl, linkUnlinkedIssueIds } from './unlinkedIssueIds';

describe('findUnlinkedIssueIds', () => {
  it('finds plain ids in text and cells, never in links, code, paths or acronyms', () => {
    const text = [
      'Work on CIA-1 and (ENG-22).',
      '[CIA-3](https://linear.app/w/issue/CIA-3) and `CIA-4` and https://linear.app/w/issue/CIA-5',
      'UTF-8, SHA-256, docs/CIA-6-notes.md, CIA-7-slug, x.CIA-8',
      '| CIA-9 | ok |',
      '|---|---|',
      '```',
      'CIA-10',
      '```',
    ].join('\n');
    expect(findUnlinkedIssueIds(text).map((h) => [h.id, h.line, h.column])).toEqual([
      ['CIA-1', 1, 9],
      ['ENG-22', 1, 20],
      ['CIA-9', 4, 3],
    ]);
  });

  it('limits to known team keys when given', () => {
    expect(findUnlinkedIssueIds('CIA-1 ENG-2', { teamKeys: ['cia'] }).map((h) => h.id)).toEqual(['CIA-1']);
  });

  it('takes a bare [CIA-1] with its brackets', () => {
    const [hit] = findUnlinkedIssueIds('see [CIA-1] now');
    expect(hit).toMatchObject({ id: 'CIA-1', start: 4, end: 11 });
  });
});

describe('linkUnlinkedIssueIds', () => {
  it('links every plain id and changes nothing else', () => {
    const legacy = fixture(LEGACY);
    const { text, linked } = linkUnlinkedIssueIds(legacy, 'https://linear.app/claudian/');
    expect(linked).toHaveLength(7);
    expect(findUnlinkedIssueIds(text)).toEqual([]);
    expect(text).toContain('| composed-crunching-raven | [CIA-414](https://linear.app/claudian/issue/CIA-414) | 1 |');
    expect(text).toContain('- [CIA-414](https://linear.app/claudian/issue/CIA-414) shipped first.');
    expect(text).toContain('`CIA-416`');
    expect(text.replace(/\[(CIA-\d+)\]\(https:\/\/linear\.app\/claudian\/issue\/CIA-\d+\)/g, '$1')).toBe(legacy.replace('[CIA-414]', 'CIA-414'));
  });

  it('builds issue URLs from a workspace base', () => {
    expect(issueUrl('https://linear.app/claudian', 'CIA-1')).toBe('https://linear.app/claudian/issue/CIA-1');
    expect(issueUrl('https://linear.app/claudian/issue/', 'CIA-1')).toBe('https://linear.app/claudian/issue/CIA-1');
  });
});
