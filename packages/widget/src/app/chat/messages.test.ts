import { describe, expect, it } from 'vitest';
import { agentMessage, CONVERSATION_ID } from '../../test/fakes';
import type { MessageView } from '../protocol';
import { maxSeq, mergeMessages, minSeq } from './messages';

describe('mergeMessages', () => {
  it('orders by seq whatever order the messages arrive in', () => {
    const merged = mergeMessages(
      [agentMessage(5, 'e'), agentMessage(2, 'b')],
      [agentMessage(9, 'i'), agentMessage(1, 'a')],
    );
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 5, 9]);
  });

  it('keeps one message per seq and per id, the later copy winning', () => {
    const provisional: MessageView = {
      ...agentMessage(3, 'mine'),
      id: 'server-id',
      sender: { type: 'contact', id: null, name: null },
    };
    const serverCopy: MessageView = { ...provisional, sender: { type: 'contact', id: 'contact-1', name: '访客' } };
    const merged = mergeMessages(
      [agentMessage(1, 'a'), provisional],
      [serverCopy, agentMessage(1, 'a'), agentMessage(1, 'a')],
    );
    expect(merged).toHaveLength(2);
    expect(merged[1]?.sender.id).toBe('contact-1');
  });

  it('drops private notes if one ever reaches the widget', () => {
    const note: MessageView = { ...agentMessage(4, 'internal'), kind: 'note' };
    expect(mergeMessages([], [note, agentMessage(5, 'x')]).map((m) => m.seq)).toEqual([5]);
  });

  it('puts an older conversation before a newer one', () => {
    const other = '9f1c1a4e-1111-4222-8333-444455556666';
    const later = { ...agentMessage(1, 'new conversation', other), createdAt: '2026-01-01T00:00:00.000Z' };
    const merged = mergeMessages([later], [agentMessage(7, 'old'), agentMessage(6, 'old')]);
    expect(merged.map((m) => `${m.conversationId === other ? 'new' : 'old'}:${m.seq}`)).toEqual([
      'old:6',
      'old:7',
      'new:1',
    ]);
    expect(maxSeq(merged, CONVERSATION_ID)).toBe(7);
    expect(minSeq(merged, CONVERSATION_ID)).toBe(6);
    expect(minSeq(merged, null)).toBeNull();
  });
});
