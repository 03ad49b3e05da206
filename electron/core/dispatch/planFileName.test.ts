import { describe, expect, it } from 'vitest';
import { checkPlanFileName, classifyPlanFileName, suggestPlanFileName } from './planFileName';

describe('§5 plan file naming', () => {
  it.each([
    ['2026-02-15-sdd-preferences-expansion.md', 'strategic'],
    ['2026-02-13-alteri-agent-orchestration.md', 'strategic'],
    ['2026-02-30-ccc-bad-date.md', 'other'],
    ['CIA-387-dispatch-rules.md', 'issue'],
    ['composed-crunching-raven-agent-a1b2c3.md', 'subagent'],
    ['composed-crunching-raven.md', 'random'],
    ['notes.md', 'other'],
  ] as const)('%s is %s', (name, kind) => expect(classifyPlanFileName(name)).toBe(kind));

  it('plan.file-name: structured names pass', () => {
    expect(checkPlanFileName('2026-02-15-ccc-dispatch.md')).toBeNull();
    expect(checkPlanFileName('CIA-541-session-exit.md')).toBeNull();
  });

  it('plan.file-name: a random three-word name fails', () => {
    expect(checkPlanFileName('luminous-meandering-zephyr.md')).toMatchObject({ rule: 'plan.file-name', severity: 'warning' });
  });

  it('suggests a structured name with the project short', () => {
    expect(suggestPlanFileName(new Date('2026-02-15T10:00:00Z'), 'claude-command-centre', 'Dispatch rules')).toBe('2026-02-15-ccc-dispatch-rules.md');
    expect(suggestPlanFileName(new Date('2026-02-15T10:00:00Z'), 'ObsidianVault', 'Inbox')).toBe('2026-02-15-vault-inbox.md');
  });
});
