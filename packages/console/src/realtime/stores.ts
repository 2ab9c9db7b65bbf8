import type { AttachmentView, SensitiveMatch } from '@kefu/shared';
import { useCallback, useSyncExternalStore } from 'react';

/** A small map other code can subscribe to: what React renders from realtime state that is not server data. */
export class KeyedStore<V> {
  private readonly map = new Map<string, V>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (this.map.get(key) === value) return;
    this.map.set(key, value);
    this.changed();
  }

  delete(key: string): void {
    if (this.map.delete(key)) this.changed();
  }

  clear(): void {
    if (this.map.size === 0) return;
    this.map.clear();
    this.changed();
  }

  values(): V[] {
    return [...this.map.values()];
  }

  /** Changes whenever anything in the store does. */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

export function useStoreValue<V>(store: KeyedStore<V>, key: string | undefined): V | undefined {
  const get = useCallback(() => (key === undefined ? undefined : store.get(key)), [store, key]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/** Re-renders on any change of the store and returns what `select` makes of it. */
export function useStoreSelector<V, R>(store: KeyedStore<V>, select: (store: KeyedStore<V>) => R): R {
  const version = useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  void version;
  return select(store);
}

export interface TypingEntry {
  senderType: 'contact' | 'user';
  name: string | null;
  /** Epoch ms after which the entry is stale even without a `typing: false` (it may have been lost). */
  until: number;
}

export const TYPING_TTL_MS = 6000;

/** Who is typing in each conversation. */
export class TypingStore extends KeyedStore<TypingEntry[]> {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  update(conversationId: string, sender: { type: 'contact' | 'user'; name: string | null }, typing: boolean): void {
    const others = (this.get(conversationId) ?? []).filter(
      (entry) => !(entry.senderType === sender.type && entry.name === sender.name) && entry.until > Date.now(),
    );
    const next = typing
      ? [...others, { senderType: sender.type, name: sender.name, until: Date.now() + TYPING_TTL_MS }]
      : others;
    if (next.length === 0) this.delete(conversationId);
    else this.set(conversationId, next);
    const timer = this.timers.get(conversationId);
    if (timer) clearTimeout(timer);
    if (next.length > 0) {
      this.timers.set(
        conversationId,
        setTimeout(() => {
          this.timers.delete(conversationId);
          const fresh = (this.get(conversationId) ?? []).filter((entry) => entry.until > Date.now());
          if (fresh.length === 0) this.delete(conversationId);
          else this.set(conversationId, fresh);
        }, TYPING_TTL_MS + 50),
      );
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

export type PendingStatus = 'sending' | 'sent' | 'failed';

/** A message this tab sent that is not (yet) in the conversation's history. */
export interface PendingMessage {
  clientId: string;
  conversationId: string;
  content: string;
  private: boolean;
  attachments: AttachmentView[];
  status: PendingStatus;
  /** The realtime error code when the server refused it. */
  error: string | null;
  /** The sensitive words the server named when it refused it (SENSITIVE_WORD_BLOCKED or _WARNING). */
  sensitive?: SensitiveMatch[] | undefined;
  createdAt: string;
}

/** Unacknowledged and failed sends, per conversation, in the order they were written. */
export class PendingStore extends KeyedStore<PendingMessage[]> {
  private readonly owner = new Map<string, string>();

  add(message: PendingMessage): void {
    this.owner.set(message.clientId, message.conversationId);
    this.set(message.conversationId, [...(this.get(message.conversationId) ?? []), message]);
  }

  find(clientId: string): PendingMessage | undefined {
    const conversationId = this.owner.get(clientId);
    return conversationId ? this.get(conversationId)?.find((m) => m.clientId === clientId) : undefined;
  }

  patch(clientId: string, change: Partial<Pick<PendingMessage, 'status' | 'error' | 'sensitive'>>): void {
    const conversationId = this.owner.get(clientId);
    if (!conversationId) return;
    const list = this.get(conversationId) ?? [];
    this.set(
      conversationId,
      list.map((m) => (m.clientId === clientId ? { ...m, ...change } : m)),
    );
  }

  remove(clientId: string): void {
    const conversationId = this.owner.get(clientId);
    if (!conversationId) return;
    this.owner.delete(clientId);
    const rest = (this.get(conversationId) ?? []).filter((m) => m.clientId !== clientId);
    if (rest.length === 0) this.delete(conversationId);
    else this.set(conversationId, rest);
  }
}
