import type { Toast } from '../domain/appMeta';
import type { StateSnapshot } from '../state/appState';
import type { StatePatch } from '../state/statePatch';

/** Everything core pushes to a client, unprompted. */
export interface PushedEvents {
  'state.snapshot': StateSnapshot;
  'state.patch': StatePatch;
  toast: Toast;
}
export type PushedEventName = keyof PushedEvents;
export type PushedEvent = { [K in PushedEventName]: { event: K; payload: PushedEvents[K] } }[PushedEventName];

export const pushedEventNames: readonly PushedEventName[] = ['state.snapshot', 'state.patch', 'toast'];
