import { z } from 'zod';
import type { conversationView, messageView } from '../schemas/conversations.js';

/**
 * The realtime protocol between Kefu and its clients (the widget and the console), over one WebSocket.
 *
 * - Clients connect to `/ws/widget?v=1&token=<visitor token>` or `/ws/agent?v=1` (session cookie).
 * - Every message a client sends carries its own `clientId`; sending it again (after a reconnect) is
 *   answered with the same `ack` and never stores a second copy.
 * - The server stores a message before it acknowledges it. Every conversation event has a `seq`; a client
 *   that reconnects sends `resume` with the last seq it saw per conversation and receives everything after.
 */
export const PROTOCOL_VERSION = 1;

export const REALTIME_LIMITS = {
  /** Characters in one chat message. */
  maxMessageChars: 5000,
  /** Bytes in one WebSocket frame; larger frames close the socket with 1009. */
  maxFrameBytes: 64 * 1024,
  /** A visitor may send this many messages per `visitorWindowMs`; more get a RATE_LIMITED error. */
  visitorMessagesPerWindow: 20,
  visitorWindowMs: 10_000,
  /** The client pings this often; the server drops a socket silent for twice as long. */
  heartbeatMs: 20_000,
  /** Conversations one `resume` may name. */
  maxResumeConversations: 200,
  /** Events replayed per conversation in one resume; a client further behind reloads the history page. */
  maxReplayPerConversation: 1000,
} as const;

/** WebSocket close codes Kefu uses, besides the standard ones (1000, 1001, 1009, 1011). */
export const CLOSE_CODES = {
  unauthenticated: 4001,
  forbidden: 4003,
  unsupportedVersion: 4006,
  heartbeatTimeout: 4008,
  /** The server is shutting down; reconnect (another node will answer). */
  goingAway: 1001,
  tooBig: 1009,
} as const;

const clientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be 8-64 letters, digits, - or _' });
const conversationId = z.uuid();

// ---- client → server ----

export const clientResumeFrame = z.object({
  type: z.literal('resume'),
  conversations: z
    .array(z.object({ conversationId, afterSeq: z.number().int().min(0) }))
    .max(REALTIME_LIMITS.maxResumeConversations),
});

export const clientSendFrame = z.object({
  type: z.literal('message.send'),
  clientId,
  /** A visitor's first message may leave it null: the server opens the conversation. */
  conversationId: conversationId.nullable(),
  content: z
    .string()
    .max(REALTIME_LIMITS.maxMessageChars, { message: `must be at most ${REALTIME_LIMITS.maxMessageChars} characters` }),
  attachmentIds: z.array(z.uuid()).max(10).default([]),
  /** Agents only: `note` is a private note the customer never sees. */
  private: z.boolean().default(false),
});

export const clientTypingFrame = z.object({
  type: z.literal('typing'),
  conversationId,
  typing: z.boolean(),
});

export const clientReadFrame = z.object({
  type: z.literal('read'),
  conversationId,
  seq: z.number().int().min(0),
});

export const clientPingFrame = z.object({ type: z.literal('ping') });

export const clientFrame = z.discriminatedUnion('type', [
  clientResumeFrame,
  clientSendFrame,
  clientTypingFrame,
  clientReadFrame,
  clientPingFrame,
]);
export type ClientFrame = z.infer<typeof clientFrame>;
export type ClientSendFrame = z.infer<typeof clientSendFrame>;

// ---- server → client ----

export const REALTIME_ERROR_CODES = [
  'INVALID_FRAME',
  'UNKNOWN_TYPE',
  'VALIDATION_FAILED',
  'EMPTY_MESSAGE',
  'MESSAGE_TOO_LONG',
  'RATE_LIMITED',
  'NOT_FOUND',
  'FORBIDDEN',
  'INTERNAL',
] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

export type ServerFrame =
  | { type: 'ready'; protocol: number; heartbeatMs: number }
  | { type: 'ack'; clientId: string; conversationId: string; messageId: string; seq: number; duplicate: boolean }
  | { type: 'message'; conversationId: string; seq: number; message: z.infer<typeof messageView> }
  /** Agents only: the conversation's list entry changed (new, assigned, status, last message). */
  | { type: 'conversation'; conversation: z.infer<typeof conversationView> }
  | {
      type: 'typing';
      conversationId: string;
      sender: { type: 'contact' | 'user'; name: string | null };
      typing: boolean;
    }
  | { type: 'read'; conversationId: string; reader: 'contact' | 'agent'; seq: number }
  /** Sent after a resume replay: the client has everything up to `lastSeq`. */
  | { type: 'resumed'; conversationId: string; lastSeq: number }
  | { type: 'error'; code: RealtimeErrorCode; message: string; ref?: string }
  | { type: 'pong' };

/** Parses one text frame, naming what is wrong; never throws. */
export function parseClientFrame(
  raw: string,
): { ok: true; frame: ClientFrame } | { ok: false; code: RealtimeErrorCode; message: string; ref?: string } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'INVALID_FRAME', message: 'Frames must be JSON objects' };
  }
  if (typeof data !== 'object' || data === null || typeof (data as { type?: unknown }).type !== 'string') {
    return { ok: false, code: 'INVALID_FRAME', message: 'Frames must be JSON objects with a string "type"' };
  }
  const type = (data as { type: string }).type;
  if (!clientFrame.options.some((o) => o.shape.type.value === type)) {
    return { ok: false, code: 'UNKNOWN_TYPE', message: `Unknown frame type "${type.slice(0, 40)}"` };
  }
  const parsed = clientFrame.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const tooLong = field === 'content' && issue?.code === 'too_big';
    // A refused message.send names its clientId, so the client can mark that message as failed.
    const ref = type === 'message.send' ? clientId.safeParse((data as { clientId?: unknown }).clientId) : undefined;
    return {
      ok: false,
      code: tooLong ? 'MESSAGE_TOO_LONG' : 'VALIDATION_FAILED',
      message: `${field || 'frame'} ${issue?.message ?? 'is invalid'}`,
      ...(ref?.success ? { ref: ref.data } : {}),
    };
  }
  return { ok: true, frame: parsed.data };
}
