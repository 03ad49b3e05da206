import type { SessionStatus } from '../../../../shared/domain/session';

export interface ShownStatus {
  status: SessionStatus;
  reason: string;
  /** ms epoch the shown status began. */
  since: number;
}

export interface DebounceResult {
  shown: ShownStatus;
  /** The shown status changed with this update. */
  changed: boolean;
  /** The change deserves a notification (to waiting, done or failed). */
  notify: boolean;
  previous: SessionStatus | null;
  /** When a pending change will be ready to show (call `update` again then); null when nothing waits. */
  pendingUntil: number | null;
}

export const NOTIFY_ON: ReadonlySet<SessionStatus> = new Set<SessionStatus>(['waiting', 'done', 'failed']);

interface Entry {
  /** When the session was first seen: changes while the app is still gathering its facts do not notify. */
  firstSeen: number;
  shown: ShownStatus;
  pending: { status: SessionStatus; reason: string; since: number } | null;
}

/**
 * Hysteresis for statuses: a new status must hold for `holdMs` before it shows, so a session that
 * flips busy→idle→busy between two tool calls does not flicker. The first status of a session shows
 * at once. A change within `settleMs` of the first sighting shows but does not notify: right after
 * start the plan file, Linear's cache and transcripts arrive one by one, and "main is done" toasts
 * for facts that were true before the app opened are noise. Time is passed in; no timers inside.
 */
export class StatusDebouncer {
  private readonly entries = new Map<string, Entry>();
  /** Ids whose next change shows at once (a session Switchyard just launched: news, not flicker). */
  private readonly immediate = new Set<string>();
  constructor(
    private readonly holdMs = 1500,
    private readonly settleMs = 10_000,
  ) {}

  update(id: string, candidate: { status: SessionStatus; reason: string }, now: number): DebounceResult {
    const entry = this.entries.get(id);
    if (!entry) {
      this.immediate.delete(id); // the first status shows at once anyway
      const shown = { status: candidate.status, reason: candidate.reason, since: now };
      this.entries.set(id, { firstSeen: now, shown, pending: null });
      return { shown, changed: true, notify: false, previous: null, pendingUntil: null };
    }
    if (candidate.status === entry.shown.status) {
      entry.pending = null;
      const reasonChanged = candidate.reason !== entry.shown.reason;
      if (reasonChanged) entry.shown = { ...entry.shown, reason: candidate.reason };
      return { shown: entry.shown, changed: reasonChanged, notify: false, previous: entry.shown.status, pendingUntil: null };
    }
    if (this.immediate.delete(id)) {
      const previous = entry.shown.status;
      entry.shown = { status: candidate.status, reason: candidate.reason, since: now };
      entry.pending = null;
      return { shown: entry.shown, changed: true, notify: false, previous, pendingUntil: null };
    }
    if (!entry.pending || entry.pending.status !== candidate.status) {
      entry.pending = { status: candidate.status, reason: candidate.reason, since: now };
    } else {
      entry.pending.reason = candidate.reason;
    }
    const readyAt = entry.pending.since + this.holdMs;
    if (now >= readyAt) {
      const previous = entry.shown.status;
      entry.shown = { status: candidate.status, reason: candidate.reason, since: entry.pending.since };
      entry.pending = null;
      const settled = now - entry.firstSeen >= this.settleMs;
      return { shown: entry.shown, changed: true, notify: settled && NOTIFY_ON.has(candidate.status), previous, pendingUntil: null };
    }
    return { shown: entry.shown, changed: false, notify: false, previous: entry.shown.status, pendingUntil: readyAt };
  }

  /** The shown status without changing anything. */
  peek(id: string): ShownStatus | null {
    return this.entries.get(id)?.shown ?? null;
  }

  /** The next status change of `id` skips the hold time (once). */
  showNextAtOnce(id: string): void {
    this.immediate.add(id);
  }

  forget(id: string): void {
    this.entries.delete(id);
    this.immediate.delete(id);
  }
}
