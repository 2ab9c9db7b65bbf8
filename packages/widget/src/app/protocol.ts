/**
 * The pieces of the shared contract the chat app needs at run time. Types come from `@kefu/shared` with
 * `import type` (erased); constants are copied here because importing `@kefu/shared` at run time would bundle
 * zod. `protocol.test.ts` checks that the copies still equal the shared values.
 */
import type {
  AttachmentView,
  BotPayload,
  BotRating,
  Locale,
  MessageView,
  QueueStatusView,
  RealtimeErrorCode,
  ServerFrame,
  WidgetConversationView,
  WidgetSessionBody,
  WidgetSessionResponse,
  WidgetSettings,
} from '@kefu/shared';

export type {
  AttachmentView,
  BotPayload,
  BotRating,
  Locale,
  MessageView,
  QueueStatusView,
  RealtimeErrorCode,
  ServerFrame,
  WidgetConversationView,
  WidgetSessionBody,
  WidgetSessionResponse,
  WidgetSettings,
};

export const PROTOCOL_VERSION = 1;
export const HEARTBEAT_MS = 20_000;
export const MAX_MESSAGE_CHARS = 5000;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MESSAGE_PAGE_SIZE = 30;

export const CLOSE_UNAUTHENTICATED = 4001;
/** Close codes after which reconnecting cannot help (forbidden, unsupported protocol version). */
export const CLOSE_FINAL: readonly number[] = [4003, 4006];

/** Frames the widget sends. */
export type OutgoingFrame =
  | { type: 'resume'; conversations: { conversationId: string; afterSeq: number }[] }
  | {
      type: 'message.send';
      clientId: string;
      conversationId: string | null;
      content: string;
      attachmentIds: string[];
    }
  | { type: 'typing'; conversationId: string; typing: boolean }
  | { type: 'read'; conversationId: string; seq: number }
  /** The customer gives up waiting in the queue. */
  | { type: 'leave'; conversationId: string }
  | { type: 'ping' };

/** A client id the server accepts (8-64 of A-Z a-z 0-9 _ -). */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `w${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
