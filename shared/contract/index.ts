import type { z } from 'zod';
import { appRequests } from './appRequests';
import { dispatchRequests } from './dispatchRequests';
import { findingsRequests } from './findingsRequests';
import { githubRequests } from './githubRequests';
import { launchRequests } from './launchRequests';
import { linearRequests } from './linearRequests';
import { mergeRequests } from './mergeRequests';
import { plansRequests } from './plansRequests';
import { reviewRequests } from './reviewRequests';
import { sessionsRequests } from './sessionsRequests';
import type { PushedEvent } from './events';
import type { RpcResult } from './rpcResult';

/**
 * The one contract between core and every client. Channel names, the preload bridge, the
 * WebSocket client and the server's dispatch all come from this object.
 */
export const requests = {
  ...appRequests,
  ...sessionsRequests,
  ...plansRequests,
  ...dispatchRequests,
  ...mergeRequests,
  ...linearRequests,
  ...reviewRequests,
  ...githubRequests,
  ...launchRequests,
  ...findingsRequests,
};

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestOf<N extends RequestName> = z.input<Requests[N]['request']>;
export type ParsedRequestOf<N extends RequestName> = z.output<Requests[N]['request']>;
export type ResultOf<N extends RequestName> = z.output<Requests[N]['result']>;

export const requestNames = Object.keys(requests) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

/** Electron IPC channel for a request; one place so main and preload can never disagree. */
export function ipcChannel(name: RequestName): string {
  return `switchyard:${name}`;
}
export const IPC_EVENT_CHANNEL = 'switchyard:event';

/** What every client (Electron preload or WebSocket) offers the renderer. */
export interface SwitchyardClient {
  readonly transport: 'electron' | 'websocket';
  call<N extends RequestName>(name: N, request: RequestOf<N>): Promise<RpcResult<ResultOf<N>>>;
  onEvent(listener: (event: PushedEvent) => void): () => void;
  /** Fires with false when the transport drops and true when it is back (WebSocket reconnects). */
  onConnection(listener: (connected: boolean) => void): () => void;
}

export * from './rpcResult';
export * from './events';
