import type { SessionStatus } from '../../../../shared/domain/session';

/** Status as a word beside its colour (never colour alone). */
export const STATUS_WORDS: Record<SessionStatus, string> = {
  waiting: 'Waiting for you',
  working: 'Working',
  failed: 'Failed',
  stale: 'Stale',
  idle: 'Idle',
  done: 'Done',
  merged: 'Merged',
  unknown: 'Unknown',
};

/** Sort order by urgency: what needs the person first, finished work last. */
export const STATUS_RANK: Record<SessionStatus, number> = {
  waiting: 0,
  failed: 1,
  stale: 2,
  working: 3,
  idle: 4,
  done: 5,
  merged: 6,
  unknown: 7,
};
