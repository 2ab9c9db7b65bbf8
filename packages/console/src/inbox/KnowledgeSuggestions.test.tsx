import type { KnowledgeSearchHitView } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, inboxView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';

const inbox = inboxView({ id: testId(9501), name: '官网商城' });
const conversation = conversationView({
  id: testId(9502),
  inboxId: inbox.id,
  contact: { id: testId(9503), name: '王小明', email: null, phone: null, verified: false },
  lastMessage: { kind: 'incoming', preview: '退货要多久到账啊', createdAt: '2025-01-01T08:00:00.000Z' },
});

const refundHit: KnowledgeSearchHitView = {
  entryId: testId(9504),
  kind: 'faq',
  locale: 'zh-CN',
  categoryId: null,
  title: '退款多久到账？',
  answer: { text: '退款审核通过后原路退回：\n- 支付宝、微信：1–3 个工作日', html: '<p>退款审核通过后原路退回</p>' },
  score: 0.86,
  matchedQuestion: '退货退款要多久',
};

function inboxApi() {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('agent', { name: '客服小李' }) },
    'GET /api/conversations': {
      body: { items: [conversation], nextCursor: null, counts: { mine: 0, unassigned: 1, all: 1 } },
    },
    [`GET /api/conversations/${conversation.id}`]: { body: conversation },
    [`GET /api/conversations/${conversation.id}/messages`]: { body: { items: [], hasMore: false } },
    [`GET /api/contacts/${conversation.contact.id}/conversations`]: { body: { items: [conversation] } },
    'GET /api/inboxes': { body: { items: [inbox] } },
    'GET /api/quick-replies': { body: { items: [] } },
    'GET /api/knowledge/suggestions': { body: { question: '退货要多久到账啊', items: [refundHit] } },
  });
}

beforeEach(() => {
  installFakeWebSocket();
});

describe('knowledge suggestions beside a conversation', () => {
  it("suggests answers for the customer's last message and inserts one into the composer for editing", async () => {
    const api = inboxApi();
    renderApp(`/inbox/${conversation.id}`);
    await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
    act(() => FakeWebSocket.last().accept());
    const panel = await screen.findByTestId('knowledge-suggestions');
    expect(await within(panel).findByText('退款多久到账？')).toBeTruthy();
    expect(within(panel).getByText('86%')).toBeTruthy();
    expect(api.find('GET /api/knowledge/suggestions')[0]?.query.get('conversationId')).toBe(conversation.id);

    const input = (await screen.findByTestId('composer-input')) as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: '您好，' } });
    fireEvent.click(within(panel).getByRole('button', { name: '插入输入框' }));
    await waitFor(() => expect(input.value).toBe(`您好，\n${refundHit.answer.text}`));
    // Inserting does not send: the agent edits first.
    expect(
      FakeWebSocket.last()
        .frames()
        .filter((frame) => frame.type === 'message.send'),
    ).toEqual([]);
  });
});
