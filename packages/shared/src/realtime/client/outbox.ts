export interface OutboxEntry {
  readonly clientId: string;
}

/**
 * Messages the server has not acknowledged yet, in the order they were written. Each is sent again with the
 * same clientId on every new connection until its ack comes (the server stores a clientId once), and at most
 * once per connection.
 */
export class Outbox<T extends OutboxEntry> {
  private list: T[];
  /** clientIds already sent on the current connection. */
  private readonly sentNow = new Set<string>();

  /** `onChange` sees the new list after every change (to persist it). */
  constructor(
    initial: readonly T[] = [],
    private readonly onChange?: (items: readonly T[]) => void,
  ) {
    this.list = [...initial];
  }

  get items(): readonly T[] {
    return this.list;
  }

  has(clientId: string): boolean {
    return this.list.some((item) => item.clientId === clientId);
  }

  get(clientId: string): T | undefined {
    return this.list.find((item) => item.clientId === clientId);
  }

  /** Adds a message at the end, or replaces the one with the same clientId where it is. */
  put(item: T): void {
    this.sentNow.delete(item.clientId);
    this.list = this.has(item.clientId)
      ? this.list.map((old) => (old.clientId === item.clientId ? item : old))
      : [...this.list, item];
    this.changed();
  }

  /** Changes a message; a changed message counts as not sent on this connection. Returns whether it was there. */
  update(clientId: string, change: (item: T) => T): boolean {
    const item = this.get(clientId);
    if (!item) return false;
    this.put(change(item));
    return true;
  }

  /** Removes a message (acknowledged, refused for good or discarded) and returns it. */
  remove(clientId: string): T | undefined {
    const item = this.get(clientId);
    if (!item) return undefined;
    this.sentNow.delete(clientId);
    this.list = this.list.filter((other) => other !== item);
    this.changed();
    return item;
  }

  /** A new connection: nothing is on its way on it yet. */
  newConnection(): void {
    this.sentNow.clear();
  }

  /**
   * Sends, in order, each message `select` picks (all by default) that has not gone out on this connection.
   * Stops at the first one `send` could not send, so the order is kept.
   */
  flush(send: (item: T) => boolean, select: (items: readonly T[]) => readonly T[] = (items) => items): void {
    for (const item of select(this.list)) {
      if (this.sentNow.has(item.clientId)) continue;
      if (!send(item)) return;
      this.sentNow.add(item.clientId);
    }
  }

  private changed(): void {
    this.onChange?.(this.list);
  }
}
