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

/**
 * Unacknowledged messages, in the order they were written, kept in storage so that a reload does not lose
 * them. Items are sent again with the same clientId until acknowledged; the server stores each clientId once.
 */
export class Outbox {
  private list: OutboxItem[];

  constructor(private readonly store: KeyValueStore) {
    const saved = readJson<unknown>(store, KEY, []);
    this.list = Array.isArray(saved) ? saved.filter(isItem) : [];
  }

  get items(): readonly OutboxItem[] {
    return this.list;
  }

  /** Items to (re)send now: everything not refused by the server. */
  sendable(): OutboxItem[] {
    return this.list.filter((item) => item.error === null);
  }

  has(clientId: string): boolean {
    return this.list.some((item) => item.clientId === clientId);
  }

  add(item: OutboxItem): void {
    this.list = [...this.list, item];
    this.save();
  }

  /** Removes an item (acknowledged, or discarded by the visitor) and returns it. */
  remove(clientId: string): OutboxItem | undefined {
    const item = this.list.find((i) => i.clientId === clientId);
    if (!item) return undefined;
    this.list = this.list.filter((i) => i !== item);
    this.save();
    return item;
  }

  setError(clientId: string, error: OutboxError | null): boolean {
    const item = this.list.find((i) => i.clientId === clientId);
    if (!item) return false;
    this.list = this.list.map((i) => (i === item ? { ...i, error } : i));
    this.save();
    return true;
  }

  private save(): void {
    if (this.list.length === 0) this.store.remove(KEY);
    else this.store.set(KEY, JSON.stringify(this.list));
  }
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
