import type { WebSocket } from 'ws';
import { fail, type PushedEvent, type RpcResult } from '../../shared/contract';
import type { Core } from '../core/app/createCore';
import type { Logger } from '../core/app/platformActions';
import { SERVE_SOCKET_CALLER } from '../core/rpc/callerCapabilities';
import { ClientFrame } from './wireProtocol';

/** What one serve-mode socket may hold at once; beyond it the client is told, or let go. */
export interface SocketLimits {
  /** Calls whose reply has not reached the kernel yet; more get a typed `busy` result at once. */
  maxInFlight: number;
  /**
   * Bytes queued for a client that does not read. Past a sixteenth we stop reading its requests
   * (they wait in its own buffers, not ours) until it caught up; past a quarter patches are skipped
   * for one later snapshot; past the whole the socket closes with SLOW_CONSUMER_CLOSE.
   */
  maxBufferedBytes: number;
  /** Largest frame a client may send; ws closes with 1009 beyond it. */
  maxFrameBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxInFlight: 16,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxFrameBytes: 1024 * 1024,
};

/** 1013 "Try Again Later": the client reconnects and starts again from a fresh snapshot. */
export const SLOW_CONSUMER_CLOSE = 1013;

/**
 * One authenticated socket: routes calls through core with the serve-mode caller's capabilities,
 * pushes core's events, and keeps what it holds for this client bounded. Nothing here throws out
 * of a ws event handler: every failure becomes a frame, a log line or a close.
 */
export function runSocketSession(ws: WebSocket, core: Core, logger: Logger, limits: SocketLimits): void {
  /** Patches are coalescible: past a quarter of the bound we skip them and send one snapshot later. */
  const patchSkipBytes = Math.max(1, Math.floor(limits.maxBufferedBytes / 4));
  const pauseBytes = Math.max(1, Math.floor(limits.maxBufferedBytes / 16));
  let inFlight = 0;
  let resyncTimer: NodeJS.Timeout | null = null;
  let drainTimer: NodeJS.Timeout | null = null;
  let closing = false;

  /** Backpressure on the client: read no more of its requests until it read our answers. */
  const pauseReadingIfBehind = () => {
    if (ws.isPaused || ws.bufferedAmount <= pauseBytes || ws.readyState !== ws.OPEN) return;
    ws.pause();
    drainTimer = setInterval(() => {
      if (ws.readyState !== ws.OPEN) return stopDrainWait();
      if (ws.bufferedAmount <= pauseBytes / 2) {
        stopDrainWait();
        ws.resume();
      }
    }, 20);
  };
  const stopDrainWait = () => {
    if (drainTimer) clearInterval(drainTimer);
    drainTimer = null;
  };

  const letGo = () => {
    if (closing) return;
    closing = true;
    ws.close(SLOW_CONSUMER_CLOSE, 'Too far behind: Switchyard closed this connection; reconnect for a fresh snapshot.');
    // A client that does not read will not read the close frame either.
    setTimeout(() => ws.terminate(), 2_000).unref();
  };

  const send = (frame: unknown, done?: () => void): void => {
    if (ws.readyState !== ws.OPEN || closing) {
      done?.();
      return;
    }
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      done?.();
      letGo();
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      logger.error('could not serialise a frame', error);
      done?.();
      return;
    }
    ws.send(text, () => done?.());
    pauseReadingIfBehind();
  };

  const resyncWhenDrained = () => {
    if (resyncTimer) return;
    resyncTimer = setInterval(() => {
      if (ws.readyState !== ws.OPEN) return stopResync();
      if (ws.bufferedAmount < patchSkipBytes / 4) {
        stopResync();
        send({ type: 'event', event: 'state.snapshot', payload: core.store.snapshot() });
      }
    }, 100);
  };
  const stopResync = () => {
    if (resyncTimer) clearInterval(resyncTimer);
    resyncTimer = null;
  };

  const unsubscribe = core.onEvent((event: PushedEvent) => {
    if (event.event === 'state.patch' && (resyncTimer !== null || ws.bufferedAmount > patchSkipBytes)) {
      resyncWhenDrained();
      return;
    }
    send({ type: 'event', event: event.event, payload: event.payload });
  });
  const end = () => {
    unsubscribe();
    stopResync();
    stopDrainWait();
  };
  ws.on('close', end);
  ws.on('error', (error) => {
    logger.warn(`serve socket error: ${error.message}`);
    end();
  });

  ws.on('message', (data, isBinary) => {
    let frame: ClientFrame;
    try {
      const parsed = parseFrame(isBinary ? null : data.toString());
      if (!parsed.ok) {
        send({ type: 'error', id: parsed.id, error: { code: 'bad_request', message: parsed.message } });
        return;
      }
      frame = parsed.frame;
    } catch (error) {
      logger.error('serve frame handling failed', error);
      return;
    }
    if (inFlight >= limits.maxInFlight) {
      send({ type: 'result', id: frame.id, result: fail('busy', `Too many requests at once on this connection (more than ${limits.maxInFlight}); try again when earlier ones answered.`) });
      return;
    }
    inFlight++;
    const release = () => {
      inFlight--;
    };
    void answer(frame).then(
      (result) => send({ type: 'result', id: frame.id, result }, release),
      (error: unknown) => {
        logger.error(`request ${frame.name} failed outside the router`, error);
        send({ type: 'result', id: frame.id, result: fail('internal', `${frame.name} failed.`) }, release);
      },
    );
  });

  async function answer(frame: ClientFrame): Promise<RpcResult<unknown>> {
    return core.route(frame.name, frame.payload, SERVE_SOCKET_CALLER);
  }
}

type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; id: number | null; message: string };

function parseFrame(text: string | null): ParsedFrame {
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'Frame is not valid JSON.' };
  }
  const frame = ClientFrame.safeParse(json);
  if (frame.success) return { ok: true, frame: frame.data };
  const id = json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'number' ? (json as { id: number }).id : null;
  return { ok: false, id, message: 'Frame must be {type:"call", id, name, payload}.' };
}
