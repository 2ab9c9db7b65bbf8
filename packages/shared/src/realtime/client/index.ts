/**
 * `@kefu/shared/realtime-client`: the reconnecting WebSocket client both the widget and the console use.
 * Plain TypeScript without zod or the schemas, so the widget's bundle stays small; frame types come from the
 * main entry with `import type`.
 */
export { BACKOFF_BASE_MS, BACKOFF_CAP_MS, Backoff } from './backoff.js';
export { Outbox, type OutboxEntry } from './outbox.js';
export {
  type ConnectionState,
  ReconnectingSocket,
  type ReconnectingSocketOptions,
  type SocketFactory,
  type SocketLike,
} from './reconnectingSocket.js';
