import { z } from 'zod';
import type { conversationView, messageView } from '../schemas/conversations.js';
import type { MessageFlagView, SensitiveWordErrorDetails } from '../schemas/moderation.js';
import type { AgentStatusView, QueueStatsView, QueueStatusView } from '../schemas/routing.js';

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
  /**
   * Frames a client may send before `ready` (they wait until the socket is set up, then are handled in order);
   * one more closes the socket with `CLOSE_CODES.tooManyFramesBeforeReady`.
   */
  maxFramesBeforeReady: 32,
} as const;

/** WebSocket close codes Kefu uses, besides the standard ones (1000, 1001, 1009, 1011). */
export const CLOSE_CODES = {
  unauthenticated: 4001,
  forbidden: 4003,
  unsupportedVersion: 4006,
  heartbeatTimeout: 4008,
  /** More than `REALTIME_LIMITS.maxFramesBeforeReady` frames arrived before `ready`. */
  tooManyFramesBeforeReady: 4029,
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
export type ClientResumeFrame = z.infer<typeof clientResumeFrame>;

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
  /** Agents only: send although the text has a sensitive word set to warn (SENSITIVE_WORD_WARNING). */
  confirmSensitive: z.boolean().optional(),
});

export const clientTypingFrame = z.object({
  type: z.literal('typing'),
  conversationId,
  typing: z.boolean(),
});
export type ClientTypingFrame = z.infer<typeof clientTypingFrame>;

export const clientReadFrame = z.object({
  type: z.literal('read'),
  conversationId,
  seq: z.number().int().min(0),
});
export type ClientReadFrame = z.infer<typeof clientReadFrame>;

export const clientPingFrame = z.object({ type: z.literal('ping') });
export type ClientPingFrame = z.infer<typeof clientPingFrame>;

/** Visitors only: the customer gives up waiting in the queue (recorded as abandoned; the chat is closed). */
export const clientLeaveFrame = z.object({ type: z.literal('leave'), conversationId });
export type ClientLeaveFrame = z.infer<typeof clientLeaveFrame>;

export const clientFrame = z.discriminatedUnion('type', [
  clientResumeFrame,
  clientSendFrame,
  clientTypingFrame,
  clientReadFrame,
  clientPingFrame,
  clientLeaveFrame,
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
  'SENSITIVE_WORD_BLOCKED',
  'SENSITIVE_WORD_WARNING',
] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

export type ServerFrame =
  | { type: 'ready'; protocol: number; heartbeatMs: number }
  | { type: 'ack'; clientId: string; conversationId: string; messageId: string; seq: number; duplicate: boolean }
  | { type: 'message'; conversationId: string; seq: number; message: z.infer<typeof messageView> }
  /**
   * Agents only: the conversation's list entry changed (new, assigned, status, last message). `created` is
   * set when the change is the conversation's first message: a new conversation, not an update.
   */
  | { type: 'conversation'; conversation: z.infer<typeof conversationView>; created?: true }
  | {
      type: 'typing';
      conversationId: string;
      sender: { type: 'contact' | 'user'; name: string | null };
      typing: boolean;
    }
  | { type: 'read'; conversationId: string; reader: 'contact' | 'agent'; seq: number }
  /** Sent after a resume replay: the client has everything up to `lastSeq`. */
  | { type: 'resumed'; conversationId: string; lastSeq: number }
  /**
   * `ref` names the refused message's clientId; `conversationId` the conversation a `resume` could not replay
   * (the others in it are replayed all the same).
   */
  | { type: 'error'; code: RealtimeErrorCode; message: string; ref?: string; conversationId?: string }
  /** The matched words of a refused message (SENSITIVE_WORD_BLOCKED, SENSITIVE_WORD_WARNING). */
  | {
      type: 'error';
      code: 'SENSITIVE_WORD_BLOCKED' | 'SENSITIVE_WORD_WARNING';
      message: string;
      ref?: string;
      details: SensitiveWordErrorDetails;
    }
  /** Supervisors and admins only: a message with sensitive words was flagged. */
  | { type: 'flag'; flag: MessageFlagView }
  /** Visitors only: their place in the queue and the estimated wait, live; then that an agent took it. */
  | { type: 'queue'; queue: QueueStatusView }
  /** Agents only: every non-empty queue of the workspace (a queue missing from it is empty). */
  | { type: 'queues'; queues: QueueStatsView[] }
  /** Agents only: a colleague's presence or load changed. */
  | { type: 'agent'; agent: AgentStatusView }
  /** Staff only: a ticket changed; consoles showing it read it again. */
  | { type: 'ticket'; ticket: TicketChangeNotice }
  | { type: 'pong' };

/** What changed on a ticket, for live lists and open ticket pages (the timeline has the details). */
export interface TicketChangeNotice {
  id: string;
  number: string;
  version: number;
  /** Timeline actions of the change (transitioned, comment.added …). */
  actions: string[];
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const UUID = z.regexes.uuid();
const SEND_KEYS = new Set([
  'type',
  'clientId',
  'conversationId',
  'content',
  'attachmentIds',
  'private',
  'confirmSensitive',
]);

/**
 * `clientSendFrame.parse` for the frame every chat message is, checked by hand: the server reads thousands a
 * second. Anything else (attachments, unknown keys, any bad value) is undefined and left to zod, which also
 * names what is wrong; what this accepts, zod accepts and turns into the same frame (protocol.test.ts).
 */
function plainSendFrame(data: Record<string, unknown>): ClientSendFrame | undefined {
  for (const key in data) if (!SEND_KEYS.has(key)) return undefined;
  const { clientId, conversationId, content, attachmentIds, private: note, confirmSensitive } = data;
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) return undefined;
  if (conversationId !== null && (typeof conversationId !== 'string' || !UUID.test(conversationId))) return undefined;
  if (typeof content !== 'string' || content.length > REALTIME_LIMITS.maxMessageChars) return undefined;
  if (attachmentIds !== undefined && !(Array.isArray(attachmentIds) && attachmentIds.length === 0)) return undefined;
  if (note !== undefined && typeof note !== 'boolean') return undefined;
  if (confirmSensitive !== undefined && typeof confirmSensitive !== 'boolean') return undefined;
  return {
    type: 'message.send',
    clientId,
    conversationId,
    content,
    attachmentIds: [],
    private: note ?? false,
    ...(confirmSensitive === undefined ? {} : { confirmSensitive }),
  };
}

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
  if (type === 'message.send') {
    const plain = plainSendFrame(data as Record<string, unknown>);
    if (plain) return { ok: true, frame: plain };
  }
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
