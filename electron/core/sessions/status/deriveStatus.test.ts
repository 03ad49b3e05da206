import { describe, expect, it } from 'vitest';
import { deriveStatus, type StatusInput } from './deriveStatus';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const base: StatusInput = { live: null, transcript: null, ccc: null, git: null, planStatus: null, linearStateType: null, now: NOW };
const clean = { dirty: false, ahead: 2, mergedIntoBase: false, error: null };
const dirty = { ...clean, dirty: true };
const tx = (t: Partial<NonNullable<StatusInput['transcript']>>) => ({ turnInProgress: false, lastActivityAt: ago(600), taskCompleteSeen: false, ...t });

describe('deriveStatus', () => {
  it.each<[string, Partial<StatusInput>, string, RegExp?]>([
    ['nothing known', {}, 'unknown'],
    ['live busy → working', { live: { alive: true, liveStatus: 'busy' }, git: clean }, 'working', /working/],
    ['no live file, transcript growing mid-turn → working', { transcript: tx({ turnInProgress: true, lastActivityAt: ago(5) }) }, 'working', /growing/],
    ['live waiting → waiting', { live: { alive: true, liveStatus: 'waiting' } }, 'waiting', /your answer/],
    ['ccc awaiting gate → waiting', { live: { alive: true, liveStatus: 'idle' }, ccc: { awaitingGate: 'spec', done: false } }, 'waiting', /spec gate/],
    ['transcript permission prompt → waiting', { transcript: tx({ turnInProgress: true, awaitingPermission: true }) }, 'waiting', /permission/],
    ['live idle → idle', { live: { alive: true, liveStatus: 'idle' }, git: dirty }, 'idle'],
    ['plan says Failed → failed', { planStatus: 'Failed: tests broke', git: clean }, 'failed', /Failed/],
    ['process died mid-turn → failed', { live: { alive: false, liveStatus: 'busy' }, transcript: tx({ turnInProgress: true }) }, 'failed', /middle of a turn/],
    ['branch merged → merged', { git: { ...clean, ahead: 0, mergedIntoBase: true } }, 'merged'],
    ['TASK_COMPLETE and clean → done', { transcript: tx({ taskCompleteSeen: true }), git: clean }, 'done', /TASK_COMPLETE/],
    ['Linear completed and clean → done', { linearStateType: 'completed', git: clean }, 'done', /Linear/],
    ['ccc done and clean → done', { ccc: { awaitingGate: null, done: true }, git: clean }, 'done'],
    ['done signal but dirty, no process → stale', { transcript: tx({ taskCompleteSeen: true }), git: dirty }, 'stale', /not committed/],
    ['no live process + uncommitted → stale', { git: dirty }, 'stale'],
    ['dead live entry + dirty → stale', { live: { alive: false, liveStatus: 'idle' }, git: dirty }, 'stale'],
    ['clean, no process → idle', { git: clean }, 'idle'],
    ['old transcript mid-turn, no live file → idle (not failed)', { transcript: tx({ turnInProgress: true, lastActivityAt: ago(3600) }), git: clean }, 'idle'],
    ['busy wins over plan Failed (re-run)', { live: { alive: true, liveStatus: 'busy' }, planStatus: 'Failed' }, 'working'],
    ['waiting wins over merged', { live: { alive: true, liveStatus: 'waiting' }, git: { ...clean, mergedIntoBase: true } }, 'waiting'],
    ['merged but dirty is not merged', { git: { ...dirty, mergedIntoBase: true } }, 'stale'],
    ['main checkout with uncommitted changes, no process → idle, never stale', { mainCheckout: true, git: dirty }, 'idle', /Main checkout with uncommitted/],
    ['main checkout, old TASK_COMPLETE and dirty → idle, never stale', { mainCheckout: true, transcript: tx({ taskCompleteSeen: true }), git: dirty }, 'idle', /Main checkout/],
    ['main checkout with Claude at work → working', { mainCheckout: true, live: { alive: true, liveStatus: 'busy' }, git: dirty }, 'working'],
    ['git error, nothing else → unknown', { git: { ...clean, error: 'not a git repository' } }, 'unknown', /Git cannot read/],
  ])('%s', (_n, patch, status, reason) => {
    const out = deriveStatus({ ...base, ...patch });
    expect(out.status).toBe(status);
    if (reason) expect(out.reason).toMatch(reason);
    expect(out.reason.length).toBeGreaterThan(0);
  });
});
