import type { MessageView } from '../protocol';

/**
 * Adds `incoming` to `existing`: one message per (conversation, seq) and per id, the later copy winning (a
 * message built from an ack is replaced by the server's own copy); private notes are dropped. The result is
 * sorted by seq within a conversation, and conversations by when they started.
 */
export function mergeMessages(existing: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const byKey = new Map<string, MessageView>();
  const keyOfId = new Map<string, string>();
  for (const message of [...existing, ...incoming]) {
    if (message.kind === 'note') continue;
    const key = `${message.conversationId}:${message.seq}`;
    const previousKey = keyOfId.get(message.id);
    if (previousKey !== undefined && previousKey !== key) byKey.delete(previousKey);
    byKey.set(key, message);
    keyOfId.set(message.id, key);
  }
  const started = new Map<string, string>();
  for (const m of byKey.values()) {
    const first = started.get(m.conversationId);
    if (first === undefined || m.createdAt < first) started.set(m.conversationId, m.createdAt);
  }
  return [...byKey.values()].sort((a, b) => {
    if (a.conversationId === b.conversationId) return a.seq - b.seq;
    const sa = started.get(a.conversationId) ?? '';
    const sb = started.get(b.conversationId) ?? '';
    return sa < sb ? -1 : sa > sb ? 1 : a.conversationId < b.conversationId ? -1 : 1;
  });
}

export function isFromAgent(message: MessageView): boolean {
  return message.sender.type === 'user' || message.kind === 'outgoing';
}

/** Highest seq among the messages of one conversation (0 when there are none). */
export function maxSeq(messages: readonly MessageView[], conversationId: string | null): number {
  let max = 0;
  for (const m of messages) if (m.conversationId === conversationId && m.seq > max) max = m.seq;
  return max;
}

/** Lowest seq among the messages of one conversation (null when there are none). */
export function minSeq(messages: readonly MessageView[], conversationId: string | null): number | null {
  let min: number | null = null;
  for (const m of messages) if (m.conversationId === conversationId && (min === null || m.seq < min)) min = m.seq;
  return min;
}
