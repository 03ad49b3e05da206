import { describe, expect, it } from 'vitest';
import { consensusOf, parseDecision, routeOf } from './findingValues';

describe('parseDecision: the Decision cell as people fill it in', () => {
  it.each([
    ['agree', 'agree'],
    ['Agreed ✅', 'agree'],
    ['**AGREE**', 'agree'],
    ['✓', 'agree'],
    ['override', 'override'],
    ['Override: use a lock instead', 'override'],
    ['defer', 'defer'],
    ['Deferred — next sprint', 'defer'],
    ['reject: already fixed in #12', 'reject'],
    ["won't fix", 'reject'],
    ['✗', 'reject'],
    ['', null],
    ['—', null],
    ['TBD', null],
    ['maybe?', null],
  ])('%j → %s', (cell, decision) => {
    expect(parseDecision(cell)).toBe(decision);
  });
});

describe('routeOf (§9 step 4): trivial/small → agent by @mention, medium+ → Claude Code session', () => {
  it.each([
    ['Trivial', null, 'agent'],
    ['small', 'High', 'agent'],
    ['S', null, 'agent'],
    ['15 min', null, 'agent'],
    ['Medium', 'Low', 'claude-code'],
    ['L', null, 'claude-code'],
    ['2 days', null, 'claude-code'],
    [null, 'Nit', 'agent'],
    [null, '🟢 Low', 'agent'],
    [null, 'Trivial', 'agent'],
    [null, 'High', 'claude-code'],
    [null, 'Critical', 'claude-code'],
    [null, null, 'claude-code'],
    ['huge-ish', null, 'claude-code'],
  ])('effort %j, severity %j → %s', (effort, severity, route) => {
    expect(routeOf(effort, severity).route).toBe(route);
  });

  it('says which column decided', () => {
    expect(routeOf('small', 'High').reason).toMatch(/Effort "small"/);
    expect(routeOf(null, 'High').reason).toMatch(/No effort given; severity "High"/);
  });
});

describe('consensusOf (§3): 2/3 to include, 3/3 for a critical finding', () => {
  const votes = (...v: (boolean | null)[]) => v.map((agrees, i) => ({ model: `M${i}`, agrees }));
  it.each([
    [votes(true, true, false), 'High', true],
    [votes(true, false, false), 'High', false],
    [votes(true, true, true), 'Critical', true],
    [votes(true, true, false), 'Critical', false],
    [votes(true, true, null), 'Critical', true],
    [votes(true, false), 'Low', false],
  ])('%j at %s → met %s', (v, severity, met) => {
    expect(consensusOf(v, severity)?.met).toBe(met);
  });

  it('is null without votes, and words the shortfall', () => {
    expect(consensusOf(votes(null, null), 'High')).toBeNull();
    expect(consensusOf(votes(true, true, false), 'Critical')?.words).toBe('2/3 models agree — below consensus (needs 3/3 for a critical finding)');
  });
});
