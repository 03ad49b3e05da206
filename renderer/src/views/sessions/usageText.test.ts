import { describe, expect, it } from 'vitest';
import type { SessionClaudeInfo } from '../../../../shared/domain/session';
import { costText, tokensText, usageLine } from './usageText';

const usage = { input: 1000, output: 100_000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 3_000_000 };
const claude = (over: Partial<SessionClaudeInfo>): SessionClaudeInfo => ({
  sessionId: 's', pid: null, liveStatus: null, alive: false, transcriptPath: null, lastActivityAt: null, lastAssistantText: null,
  usage, costUsd: 4.2, estimateUsd: null, usageCounting: false, ...over,
});

describe('usage text', () => {
  it('a final count reads as a plain total', () => {
    expect(tokensText(claude({}))).toBe('3.1M');
    expect(costText(claude({}))).toBe('$4.20');
    expect(costText(claude({ estimateUsd: 6 }))).toBe('$4.20 / ~$6');
    expect(usageLine(claude({}))).toBe('$4.20 · 3.1M tokens');
  });

  it('a count still running reads as a lower bound and says so', () => {
    expect(tokensText(claude({ usageCounting: true }))).toBe('≥ 3.1M');
    expect(costText(claude({ usageCounting: true }))).toBe('≥ $4.20');
    expect(costText(claude({ usageCounting: true, estimateUsd: 6 }))).toBe('≥ $4.20 / ~$6');
    expect(usageLine(claude({ usageCounting: true }))).toBe('≥ $4.20 · ≥ 3.1M tokens, counting…');
  });

  it('nothing read yet is a dash, never "≥ —"', () => {
    expect(tokensText(null)).toBe('—');
    expect(tokensText(claude({ usage: null, usageCounting: true }))).toBe('—');
    expect(costText(claude({ costUsd: null, usageCounting: true }))).toBe('—');
  });
});
