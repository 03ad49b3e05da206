import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../../shared/domain/session';
import { StatusDebouncer } from './statusDebouncer';

type Step = [at: number, status: SessionStatus, shown: SessionStatus, notify?: boolean];

describe('StatusDebouncer', () => {
  it.each<[string, Step[]]>([
    ['first status shows at once, without a notification', [[0, 'working', 'working', false]]],
    [
      'a blip shorter than the hold never shows',
      [[0, 'working', 'working'], [100, 'idle', 'working'], [900, 'working', 'working'], [3000, 'working', 'working']],
    ],
    [
      'a change that holds 1.5 s shows, and waiting notifies',
      [[0, 'working', 'working'], [100, 'waiting', 'working'], [1000, 'waiting', 'working'], [1600, 'waiting', 'waiting', true]],
    ],
    [
      'pending resets when the candidate changes again',
      [[0, 'working', 'working'], [100, 'idle', 'working'], [1000, 'done', 'working'], [1700, 'done', 'working'], [2500, 'done', 'done', true]],
    ],
    ['to idle does not notify', [[0, 'working', 'working'], [0, 'idle', 'working'], [1500, 'idle', 'idle', false]]],
    ['to failed notifies', [[0, 'working', 'working'], [0, 'failed', 'working'], [2000, 'failed', 'failed', true]]],
  ])('%s', (_n, steps) => {
    const d = new StatusDebouncer(1500, 0);
    for (const [at, status, shown, notify] of steps) {
      const r = d.update('s', { status, reason: status }, at);
      expect(r.shown.status, `at ${at}`).toBe(shown);
      if (notify !== undefined) expect(r.notify, `notify at ${at}`).toBe(notify);
    }
  });

  it('tells when a pending status is due and keeps since = when it began', () => {
    const d = new StatusDebouncer(1500);
    d.update('s', { status: 'working', reason: 'a' }, 0);
    expect(d.update('s', { status: 'idle', reason: 'b' }, 200).pendingUntil).toBe(1700);
    const r = d.update('s', { status: 'idle', reason: 'b' }, 1700);
    expect(r.changed).toBe(true);
    expect(r.shown).toEqual({ status: 'idle', reason: 'b', since: 200 });
  });

  it('showNextAtOnce: the next change (of a session just launched) skips the hold, once', () => {
    const d = new StatusDebouncer(1500, 0);
    d.update('s', { status: 'idle', reason: 'no session' }, 0);
    d.showNextAtOnce('s');
    expect(d.update('s', { status: 'idle', reason: 'no session' }, 10).changed).toBe(false);
    expect(d.update('s', { status: 'working', reason: 'busy' }, 20).shown.status).toBe('working');
    expect(d.update('s', { status: 'waiting', reason: 'asks' }, 30).shown.status).toBe('working');
    expect(d.update('s', { status: 'waiting', reason: 'asks' }, 1600).shown.status).toBe('waiting');
  });

  it('a new reason for the same status updates at once', () => {
    const d = new StatusDebouncer(1500);
    d.update('s', { status: 'working', reason: 'a' }, 0);
    const r = d.update('s', { status: 'working', reason: 'b' }, 10);
    expect(r).toMatchObject({ changed: true, notify: false, shown: { reason: 'b', since: 0 } });
  });

  it('a change while the app is still settling shows but does not notify; later ones do', () => {
    const d = new StatusDebouncer(1500, 10_000);
    d.update('s', { status: 'idle', reason: 'no process' }, 0);
    d.update('s', { status: 'done', reason: 'the plan says Done' }, 500);
    const early = d.update('s', { status: 'done', reason: 'the plan says Done' }, 2000);
    expect(early).toMatchObject({ changed: true, notify: false, shown: { status: 'done' } });
    d.update('s', { status: 'waiting', reason: 'permission prompt' }, 20_000);
    expect(d.update('s', { status: 'waiting', reason: 'permission prompt' }, 21_500)).toMatchObject({ changed: true, notify: true });
  });

  it('sessions are independent', () => {
    const d = new StatusDebouncer(1500);
    d.update('a', { status: 'working', reason: '' }, 0);
    expect(d.update('b', { status: 'done', reason: '' }, 0).shown.status).toBe('done');
  });
});
