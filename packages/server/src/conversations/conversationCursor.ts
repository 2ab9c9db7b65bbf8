import { AppError } from '../http/appError.js';

/** Where a page of the inbox list ended: the list is ordered by last activity, then id, both descending. */
export interface ConversationCursor {
  lastActivityAt: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The position itself travels in the cursor, not a conversation to look up: a conversation that gets a
 * new message between two pages moves to the top of the list but does not move the position.
 */
export function encodeConversationCursor(cursor: ConversationCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastActivityAt, cursor.id])).toString('base64url');
}

export function decodeConversationCursor(raw: string): ConversationCursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2) {
      const [lastActivityAt, id] = value as unknown[];
      if (Number.isSafeInteger(lastActivityAt) && typeof id === 'string' && UUID.test(id)) {
        return { lastActivityAt: lastActivityAt as number, id };
      }
    }
  } catch {
    // Falls through to the validation error.
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid querystring.cursor', [
    { field: 'querystring.cursor', issue: 'must be a nextCursor from an earlier page' },
  ]);
}
