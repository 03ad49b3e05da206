import { describe, expect, it } from 'vitest';
import { EXEC_MODES } from '../../../shared/domain/dispatch';
import { agentAllowedFor, launchModeFor } from './sessionModeMapping';

describe('§2 session mode mapping', () => {
  it.each([
    ['quick', 'Bypass permissions'],
    ['tdd', 'Bypass permissions'],
    ['pair', 'Plan mode'],
    ['checkpoint', 'Ask permissions'],
    ['swarm', 'Bypass permissions'],
    ['spike', 'Bypass permissions'],
  ] as const)('primary: %s → %s', (mode, launch) => {
    expect(launchModeFor(mode, false)).toMatchObject({ launchAs: launch, override: false });
  });

  it.each(EXEC_MODES)('override: analysis-only %s → always Bypass permissions', (mode) => {
    expect(launchModeFor(mode, true)).toMatchObject({ launchAs: 'Bypass permissions', override: true });
  });

  it('unknown exec mode gives no launch mode unless analysis-only', () => {
    expect(launchModeFor(null, false).launchAs).toBeNull();
    expect(launchModeFor(null, true).launchAs).toBe('Bypass permissions');
  });

  it.each([
    ['quick', 'cto.new', true],
    ['quick', 'Copilot', true],
    ['quick', 'Cursor', false],
    ['tdd', 'Cursor', true],
    ['tdd', 'Cyrus', true],
    ['tdd', 'Tembo', false],
    ['pair', 'Claude Code', true],
    ['pair', 'Tembo', false],
    ['checkpoint', 'cto.new', false],
    ['swarm', 'Tembo', true],
    ['spike', 'cto.new', true],
    ['spike', 'Codex', false],
    ['tdd', null, true],
  ] as const)('agent options: %s on %s → %s', (mode, agent, ok) => {
    expect(agentAllowedFor(mode, agent)).toBe(ok);
  });
});
