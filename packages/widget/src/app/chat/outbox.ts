import { Outbox } from '@kefu/shared/realtime-client';
import type { AttachmentView, RealtimeErrorCode } from '../protocol';
import { type KeyValueStore, readJson } from '../storage';

export interface OutboxError {
  code: RealtimeErrorCode | 'UNKNOWN';
  message: string;
}

/** A message the visitor sent that the server has not acknowledged yet. */
export interface OutboxItem {
  clientId: string;
  content: string;
  attachments: AttachmentView[];
  createdAt: string;
  /** Set when the server refused it (error frame with ref = clientId); such items wait for the visitor. */
  error: OutboxError | null;
}

const KEY = 'outbox';

/** The visitor's outbox, kept in storage so that a reload (or a closed tab) does not lose what was written. */
export function storedOutbox(store: KeyValueStore): Outbox<OutboxItem> {
  const saved = readJson<unknown>(store, KEY, []);
  return new Outbox(Array.isArray(saved) ? saved.filter(isItem) : [], (items) => {
    if (items.length === 0) store.remove(KEY);
    else store.set(KEY, JSON.stringify(items));
  });
}

/** Items the server has not refused: those are (re)sent on every connection. */
export function unrefused(items: readonly OutboxItem[]): OutboxItem[] {
  return items.filter((item) => item.error === null);
}

function isItem(value: unknown): value is OutboxItem {
  const v = value as OutboxItem;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.clientId === 'string' &&
    typeof v.content === 'string' &&
    Array.isArray(v.attachments) &&
    typeof v.createdAt === 'string' &&
    (v.error === null || typeof v.error === 'object')
  );
}
