/**
 * How the serve-mode page proves itself on its WebSocket. The token travels as a
 * `Sec-WebSocket-Protocol` value, never as a cookie: cookies are scoped by host, not port, so a
 * cookie would reach every other server on 127.0.0.1. The server selects only SOCKET_PROTOCOL,
 * so the token is never echoed back.
 */
export const SOCKET_PROTOCOL = 'switchyard.v1';
export const TOKEN_PROTOCOL_PREFIX = 'switchyard.token.';

/** The subprotocol value that carries the token (base64url, so it is a valid header token). */
export function tokenProtocol(token: string): string {
  return `${TOKEN_PROTOCOL_PREFIX}${token}`;
}
