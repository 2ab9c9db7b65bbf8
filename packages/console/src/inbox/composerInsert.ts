import { useEffect, useRef } from 'react';

type Listener = (text: string) => void;

/** The open composer of each conversation, for panels beside it that put text into it (knowledge suggestions). */
const composers = new Map<string, Set<Listener>>();

/** Hands text to the conversation's composer for editing; false when no composer is open for it. */
export function insertIntoComposer(conversationId: string, text: string): boolean {
  const listeners = composers.get(conversationId);
  if (!listeners || listeners.size === 0) return false;
  for (const listener of listeners) listener(text);
  return true;
}

/** Lets a composer receive text other panels insert; the latest `onInsert` is used. */
export function useComposerInsertions(conversationId: string, onInsert: Listener): void {
  const latest = useRef(onInsert);
  latest.current = onInsert;
  useEffect(() => {
    const listener: Listener = (text) => latest.current(text);
    let listeners = composers.get(conversationId);
    if (!listeners) {
      listeners = new Set();
      composers.set(conversationId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) composers.delete(conversationId);
    };
  }, [conversationId]);
}
