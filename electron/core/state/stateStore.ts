import { isDeepStrictEqual } from 'node:util';
import type { AppState, StateSnapshot } from '../../../shared/state/appState';
import type { PatchOp, StatePatch } from '../../../shared/state/statePatch';
import { applyPatchOps } from '../../../shared/state/statePatch';

type CollectionKey = {
  [K in keyof AppState]: AppState[K] extends Record<string, infer _V> ? (string extends keyof AppState[K] ? K : never) : never;
}[keyof AppState];
type EntityOf<K extends CollectionKey> = AppState[K][string];

export type PatchListener = (patch: StatePatch) => void;

/**
 * The main side's single source of truth. Services write entities; writes that change nothing are
 * dropped; the rest are coalesced into one patch per flush (one tick by default) so a burst of fs
 * events reaches the renderer as one update.
 */
export class StateStore {
  private state: AppState;
  private seq = 0;
  private pending: PatchOp[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<PatchListener>();

  constructor(
    initial: AppState,
    private readonly flushDelayMs = 16,
  ) {
    this.state = initial;
  }

  get current(): AppState {
    return this.state;
  }

  snapshot(): StateSnapshot {
    this.flush();
    return { seq: this.seq, state: this.state };
  }

  subscribe(listener: PatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setSingleton<K extends keyof AppState>(key: K, value: AppState[K]): void {
    if (isDeepStrictEqual(this.state[key], value)) return;
    this.queue({ op: 'set', path: [key], value });
  }

  upsert<K extends CollectionKey>(key: K, id: string, value: EntityOf<K>): void {
    const collection = this.state[key] as Record<string, unknown>;
    if (isDeepStrictEqual(collection[id], value)) return;
    this.queue({ op: 'set', path: [key, id], value });
  }

  remove<K extends CollectionKey>(key: K, id: string): void {
    const collection = this.state[key] as Record<string, unknown>;
    if (!(id in collection)) return;
    this.queue({ op: 'delete', path: [key, id] });
  }

  /** Makes a collection hold exactly `entities`: upserts each, removes ids that are gone. */
  replaceCollection<K extends CollectionKey>(key: K, entities: Record<string, EntityOf<K>>): void {
    const collection = this.state[key] as Record<string, unknown>;
    for (const id of Object.keys(collection)) if (!(id in entities)) this.remove(key, id);
    for (const [id, value] of Object.entries(entities)) this.upsert(key, id, value);
  }

  /** Sends what is queued now (tests and snapshot() call this; services let the timer do it). */
  flush(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.pending.length === 0) return;
    const ops = this.pending;
    this.pending = [];
    this.seq += 1;
    const patch: StatePatch = { seq: this.seq, ops };
    for (const listener of this.listeners) listener(patch);
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.listeners.clear();
  }

  private queue(op: PatchOp): void {
    // State changes at once so reads in the same tick see it; only the broadcast is deferred.
    this.state = applyPatchOps(this.state, [op]);
    this.pending.push(op);
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.flushDelayMs);
  }
}
