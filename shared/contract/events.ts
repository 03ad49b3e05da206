import type { Toast } from '../domain/appMeta';
import type { TerminalData, TerminalExit } from '../domain/launch';
import type { StateSnapshot } from '../state/appState';
import type { StatePatch } from '../state/statePatch';

/** Everything core pushes to a client, unprompted. */
export interface PushedEvents {
  'state.snapshot': StateSnapshot;
  'state.patch': StatePatch;
  toast: Toast;
  /** Output of a launched session's PTY (only over the guarded transport; off with --no-terminal). */
  'terminal.data': TerminalData;
  'terminal.exit': TerminalExit;
}
export type PushedEventName = keyof PushedEvents;
export type PushedEvent = { [K in PushedEventName]: { event: K; payload: PushedEvents[K] } }[PushedEventName];

export const pushedEventNames: readonly PushedEventName[] = ['state.snapshot', 'state.patch', 'toast', 'terminal.data', 'terminal.exit'];
