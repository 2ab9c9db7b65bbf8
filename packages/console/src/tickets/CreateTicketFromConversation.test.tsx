import { createTicketTypeBody, defaultTicketTypes, type TicketTypeView } from '@kefu/shared';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';
import { COMPLAINT_ID, complaintTypeView, ticketView } from './ticketFixtures';

const conversation = conversationView({ id: testId(8301) });
const suggestion: TicketTypeView = {
  ...complaintTypeView(),
  id: testId(8401),
  ...createTicketTypeBody.parse(defaultTicketTypes().find((type) => type.name === '建议')),
};

async function openConversation() {
  const api = fakeApi({
    'GET /api/auth/session': { body: sessionFor('agent') },
    'GET /api/conversations': {
      body: { items: [conversation], nextCursor: null, counts: { mine: 0, unassigned: 1, all: 1 } },
    },
    [`GET /api/conversations/${conversation.id}`]: { body: conversation },
    [`GET /api/conversations/${conversation.id}/messages`]: { body: { items: [], hasMore: false } },
    [`GET /api/contacts/${conversation.contact.id}/conversations`]: { body: { items: [conversation] } },
    [`POST /api/conversations/${conversation.id}/read`]: { body: { ok: true } },
    'GET /api/ticket-types': { body: { items: [complaintTypeView(), suggestion] } },
    'POST /api/tickets': { status: 201, body: ticketView() },
    [`GET /api/tickets/${ticketView().id}`]: { body: ticketView() },
  });
  const view = renderApp(`/inbox/${conversation.id}`);
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  act(() => FakeWebSocket.last().accept());
  await screen.findByTestId('conversation-pane');
  return { api, view };
}

beforeEach(() => {
  installFakeWebSocket();
});

describe('转工单 in the conversation header', () => {
  it('creates a ticket of a type without required fields from the conversation at once and opens it', async () => {
    const { api, view } = await openConversation();
    fireEvent.click(await screen.findByTestId('create-ticket-from-conversation'));
    fireEvent.click(await screen.findByText('建议'));
    await waitFor(() => expect(view.router.state.location.pathname).toBe(`/tickets/${ticketView().id}`));
    expect(api.find('POST /api/tickets')[0]?.body).toEqual({ typeId: suggestion.id, conversationId: conversation.id });
  });

  it('opens the complaint register for the conversation, since its form has required fields', async () => {
    const { api, view } = await openConversation();
    fireEvent.click(await screen.findByTestId('create-ticket-from-conversation'));
    fireEvent.click(await screen.findByText('投诉'));
    await waitFor(() => expect(view.router.state.location.pathname).toBe('/tickets/new'));
    expect(Object.fromEntries(new URLSearchParams(view.router.state.location.search))).toEqual({
      type: COMPLAINT_ID,
      conversation: conversation.id,
    });
    expect(api.find('POST /api/tickets')).toHaveLength(0);
  });
});
