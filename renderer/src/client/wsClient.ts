import type { PushedEvent, RequestName, RequestOf, ResultOf, RpcResult, SwitchyardClient } from '../../../shared/contract';
import { SOCKET_PROTOCOL, tokenProtocol } from '../../../shared/contract/socketAuth';

interface Pending {
  resolve(result: RpcResult<unknown>): void;
}

type ServerFrame =
  | { type: 'result'; id: number; result: RpcResult<unknown> }
  | { type: 'error'; id: number | null; error: { code: string; message: string } }
  | ({ type: 'event' } & PushedEvent);

/**
 * The serve-mode transport: one WebSocket to the page's own origin; the token travels as a
 * subprotocol value, only on this socket (shared/contract/socketAuth). Reconnects with backoff;
 * calls made while down fail at once with a clear reason.
 */
export function createWsClient(url: string, token: string | null): SwitchyardClient {
  const protocols = token ? [SOCKET_PROTOCOL, tokenProtocol(token)] : [SOCKET_PROTOCOL];
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: PushedEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let connected = false;

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    for (const listener of connectionListeners) listener(value);
  };

  const connect = () => {
    const ws = new WebSocket(url, protocols);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setConnected(true);
    };
    ws.onmessage = (message) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'event') {
        for (const listener of eventListeners) listener({ event: frame.event, payload: frame.payload } as PushedEvent);
      } else if (frame.type === 'result' || (frame.type === 'error' && frame.id !== null)) {
        const id = frame.id as number;
        const waiting = pending.get(id);
        pending.delete(id);
        if (!waiting) return;
        waiting.resolve(frame.type === 'result' ? frame.result : { ok: false, error: { code: 'bad_request', message: frame.error.message } });
      }
    };
    ws.onclose = () => {
      socket = null;
      setConnected(false);
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.resolve({ ok: false, error: { code: 'unavailable', message: 'Lost the connection to Switchyard; reconnecting.' } });
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  return {
    transport: 'websocket',
    call<N extends RequestName>(name: N, request: RequestOf<N>): Promise<RpcResult<ResultOf<N>>> {
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'Not connected to Switchyard yet.' } });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as Pending['resolve'] });
        ws.send(JSON.stringify({ type: 'call', id, name, payload: request }));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
