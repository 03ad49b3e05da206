import { describe, expect, it } from 'vitest';
import { classifyPlanFileName, projectShortFor, suggestStructuredFileName, suggestStructuredName } from './planNaming';

describe('classifyPlanFileName: one passing and one failing case per rule', () => {
  it.each([
    // [file name, expected kind]
    ['2026-02-15-sdd-preferences-expansion.md', 'structured'],
    ['2026-02-13-alteri-agent-orchestration.md', 'structured'],
    ['2026-02-30-ccc-bad-date.md', 'other'], // no 30 February
    ['CIA-546-dispatch-rules.md', 'issue'],
    ['cia-546-dispatch-rules.md', 'other'], // the team key is upper-case
    ['ENG-7.md', 'issue'],
    ['composed-crunching-raven-agent-a1b2c3d.md', 'subagent'],
    ['composed-crunching-raven-agent-.md', 'other'],
    ['composed-crunching-raven.md', 'random-three-word'],
    ['composed-crunching-raven2.md', 'other'], // digits: not a Claude name
    ['notes.md', 'other'],
    ['2026-02-15-ccc-topic.txt', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(classifyPlanFileName(name).kind).toBe(kind);
  });

  it('extracts the parts and flags only random names', () => {
    expect(classifyPlanFileName('/x/plans/2026-02-15-sdd-preferences-expansion.md')).toMatchObject({
      kind: 'structured',
      conventional: true,
      flagged: false,
      date: '2026-02-15',
      projectShort: 'sdd',
      topic: 'preferences-expansion',
    });
    expect(classifyPlanFileName('CIA-546-dispatch-rules.md')).toMatchObject({ issueId: 'CIA-546', topic: 'dispatch-rules' });
    expect(classifyPlanFileName('fix-auth-race-agent-9f8e.md')).toMatchObject({ parentSlug: 'fix-auth-race', agentId: '9f8e' });
    expect(classifyPlanFileName('composed-crunching-raven.md')).toMatchObject({ flagged: true, conventional: false });
    expect(classifyPlanFileName('notes.md')).toMatchObject({ flagged: false, conventional: false });
  });
});

describe('projectShortFor', () => {
  it.each([
    ['claude-command-centre', 'ccc'],
    ['/home/u/Repositories/claude-command-centre/', 'ccc'],
    ['alteri', 'alteri'],
    ['prototypes', 'proto'],
    ['ObsidianVault', 'vault'],
    ['obsidianvault', 'vault'],
    ['switchyard', 'switchyard'], // fallback: one word
    ['my-app', 'myapp'], // two words joined
    ['very-long-repository-name', 'vlrn'], // 3+ words → initials
    ['SuperLongProjectNames', 'slpn'],
  ])('%s → %s', (project, short) => {
    expect(projectShortFor(project)).toBe(short);
  });

  it('prefers an extra table', () => {
    expect(projectShortFor('switchyard', { Switchyard: 'sy' })).toBe('sy');
  });
});

describe('suggestStructuredName', () => {
  it('builds {date}-{short}-{topic} from a title', () => {
    expect(suggestStructuredName({ date: '2026-02-20', project: 'claude-command-centre', title: 'Master Plan: Switchyard Dispatch v1' })).toBe(
      '2026-02-20-ccc-switchyard-dispatch-v1',
    );
    expect(suggestStructuredName({ date: new Date(2026, 1, 3), projectShort: 'alteri', topic: 'Agent Orchestration' })).toBe(
      '2026-02-03-alteri-agent-orchestration',
    );
    expect(suggestStructuredFileName({ date: '2026-02-20', projectShort: 'ccc', title: 'CIA-546: Ünïcode & stuff!' })).toBe('2026-02-20-ccc-unicode-stuff.md');
  });

  it('produces a name the classifier accepts as structured', () => {
    const name = suggestStructuredFileName({ date: '2026-02-20', project: 'claude-command-centre', title: '' });
    expect(name).toBe('2026-02-20-ccc-plan.md');
    expect(classifyPlanFileName(name).kind).toBe('structured');
  });
});
