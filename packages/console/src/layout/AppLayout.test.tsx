import type { Role } from '@kefu/shared';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, messageView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';

const wang = conversationView({ id: testId(301), unreadCount: 2 });
const li = conversationView({
  id: testId(302),
  contact: { id: testId(402), name: '李雷', email: null, phone: null, verified: false },
  unreadCount: 1,
});

function api(role: Role = 'agent') {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/conversations': {
      body: { items: [wang, li], nextCursor: null, counts: { mine: 0, unassigned: 2, all: 2 } },
    },
    'GET /api/teams': { body: { items: [] } },
  });
}

async function connectedSocket(): Promise<FakeWebSocket> {
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const socket = FakeWebSocket.last();
  act(() => socket.accept());
  return socket;
}

const inboxBadge = () => screen.queryByTestId('badge-inbox');

/** The tab is in the background, with desktop notifications allowed. */
function hideTabWithNotifications() {
  const shown: { title: string; body: string | undefined }[] = [];
  class NotificationSpy {
    static permission = 'granted';
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
    close() {}
  }
  vi.stubGlobal('Notification', NotificationSpy);
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
  return shown;
}

beforeEach(() => {
  installFakeWebSocket();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the layout for users who read conversations', () => {
  it('counts unread messages next to 会话 on the home page and keeps the count live', async () => {
    api();
    renderApp('/');
    await waitFor(() => expect(inboxBadge()?.textContent).toBe('3'));
    const socket = await connectedSocket();
    act(() => socket.receive({ type: 'conversation', conversation: { ...li, unreadCount: 4 } }));
    await waitFor(() => expect(inboxBadge()?.textContent).toBe('6'));
    act(() => socket.receive({ type: 'read', conversationId: wang.id, reader: 'agent', seq: 5 }));
    await waitFor(() => expect(inboxBadge()?.textContent).toBe('4'));
  });

  it('notifies about a new message while the tab is hidden, on a page other than the inbox', async () => {
    api();
    renderApp('/settings/teams');
    const socket = await connectedSocket();
    const shown = hideTabWithNotifications();
    act(() =>
      socket.receive({
        type: 'message',
        conversationId: li.id,
        seq: 2,
        message: messageView({
          conversationId: li.id,
          seq: 2,
          content: '请问发货了吗',
          sender: { type: 'contact', id: li.contact.id, name: '李雷' },
        }),
      }),
    );
    expect(shown).toEqual([{ title: '李雷', body: '请问发货了吗' }]);
  });

  it('keeps one socket while the user moves between pages', async () => {
    api();
    const { router } = renderApp('/');
    await connectedSocket();
    await act(() => router.navigate('/settings/teams'));
    await act(() => router.navigate('/'));
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(FakeWebSocket.last().closedWith).toBeNull();
  });
});

describe('the layout for users who may not read conversations', () => {
  it('opens no socket and shows no count', async () => {
    const requests = api('department');
    renderApp('/');
    await screen.findByTestId('nav-home');
    expect(FakeWebSocket.instances).toEqual([]);
    expect(requests.find('GET /api/conversations')).toEqual([]);
    expect(inboxBadge()).toBeNull();
  });
});
