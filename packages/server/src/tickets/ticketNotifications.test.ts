import type { TicketNotificationView, TicketView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../test/testApp.js';
import { complaintBody, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';

describe('ticket notifications (the bell)', () => {
  let t: TestApp;
  let w: TicketWorld;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'ticket-notifications');
  });
  afterAll(() => t.close());

  const list = async (role: keyof TicketWorld['sessions'], query = '') => {
    const res = await call(t.app, w.sessions[role], 'GET', `/api/ticket-notifications${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: TicketNotificationView[]; nextCursor: string | null; unreadCount: number };
  };

  it('lists only the caller’s own notifications, newest first, with the ticket and who caused it', async () => {
    const before = await list('supervisor');
    const created = await call(
      t.app,
      w.sessions.agent,
      'POST',
      '/api/tickets',
      complaintBody(w, { assigneeId: w.ws.users.supervisor.id }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const ticket = created.json() as TicketView;
    const comment = await call(t.app, w.sessions.agent, 'POST', `/api/tickets/${ticket.id}/comments`, {
      body: '@主管 请看一下',
      mentionIds: [w.ws.users.supervisor.id],
    });
    expect(comment.statusCode, comment.body).toBe(201);

    const after = await list('supervisor');
    expect(after.unreadCount).toBe(before.unreadCount + 2);
    expect(after.items.slice(0, 2).map((n) => n.kind)).toEqual(['ticket.mentioned', 'ticket.assigned']);
    expect(after.items[0]).toMatchObject({
      ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
      actor: { id: w.ws.users.agent.id, name: 'ticket-notifications agent' },
      readAt: null,
    });
    // The actor is never notified of their own change, and nobody sees another person's rows.
    expect((await list('agent')).items.some((n) => n.ticket.id === ticket.id)).toBe(false);
    expect((await list('department')).items).toEqual([]);
  });

  it('pages with a cursor and filters the unread ones', async () => {
    const all = await list('supervisor');
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    const first = await list('supervisor', '?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBe(first.items[0]!.id);
    const second = await list('supervisor', `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]!.id).toBe(all.items[1]!.id);
  });

  it('marks chosen ones read, ignores other people’s ids, then all', async () => {
    const mine = await list('supervisor', '?unread=true');
    const target = mine.items[0]!;
    const admin = await list('admin');
    const read = await call(t.app, w.sessions.supervisor, 'POST', '/api/ticket-notifications/read', {
      ids: [target.id, ...admin.items.map((n) => n.id)],
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unreadCount: mine.unreadCount - 1 });
    const unread = await list('supervisor', '?unread=true');
    expect(unread.items.map((n) => n.id)).not.toContain(target.id);
    expect((await list('supervisor')).items.find((n) => n.id === target.id)?.readAt).toBe(
      new Date(t.clock.now()).toISOString(),
    );
    expect((await list('admin')).unreadCount).toBe(admin.unreadCount);

    const all = await call(t.app, w.sessions.supervisor, 'POST', '/api/ticket-notifications/read', { all: true });
    expect(all.json()).toEqual({ unreadCount: 0 });
    expect((await list('supervisor', '?unread=true')).items).toEqual([]);
  });

  it('refuses a body naming neither or both of ids and all', async () => {
    for (const body of [{}, { ids: [], all: true }, { all: false }]) {
      expectError(
        await call(t.app, w.sessions.agent, 'POST', '/api/ticket-notifications/read', body),
        400,
        'VALIDATION_FAILED',
      );
    }
  });
});
