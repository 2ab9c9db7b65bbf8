import type { ContactSummary } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { chattingVisitor, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';
import { insertContact } from './contactRepository.js';
import { contactSearchTerm } from './contactSearchTerm.js';

describe('contactSearchTerm', () => {
  it('reads an address, a number or its tail, and anything else as part of a name', () => {
    expect(contactSearchTerm(' Zhang.San@Example.com ')).toEqual({ kind: 'email', email: 'zhang.san@example.com' });
    expect(contactSearchTerm('+86 138-1234-5678')).toEqual({ kind: 'phone', digits: '13812345678' });
    expect(contactSearchTerm('5678')).toEqual({ kind: 'phone', digits: '5678' });
    expect(contactSearchTerm('(010) 6552')).toEqual({ kind: 'phone', digits: '0106552' });
    // Fewer than four digits would list too many customers: read as a name.
    expect(contactSearchTerm('138')).toEqual({ kind: 'name', text: '138' });
    expect(contactSearchTerm('Wang 王')).toEqual({ kind: 'name', text: 'wang 王' });
  });
});

describe('GET /api/contacts', () => {
  let t: TestApp;
  let w: TicketWorld;
  let agent: Session;
  let caller: string;

  const search = async (q: string, extra = '') => {
    const res = await call(t.app, agent, 'GET', `/api/contacts?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: ContactSummary[]; nextCursor: string | null };
  };
  const ids = (page: { items: ContactSummary[] }) => page.items.map((c) => c.id);

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'contactsearch');
    agent = w.sessions.agent;
    // A caller who never chatted: the contact exists only because a ticket was made from their phone call.
    const ticket = await call(t.app, agent, 'POST', '/api/tickets', {
      typeId: w.types.get('咨询')!.id,
      title: '来电咨询发票',
      contact: { name: '赵来电', phone: '139-0000-4321', email: 'Zhao.Caller@Example.com' },
      fields: { topic: 'order' },
      call: {
        phoneNumber: '13900004321',
        direction: 'inbound',
        startedAt: '2026-03-02T09:00:00+08:00',
        durationSeconds: 90,
      },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    caller = ticket.json().contact.id;
    await chattingVisitor(t, w, '你好', { name: '钱聊天', phone: '13800009999' });
  });
  afterAll(() => t.close());

  it('finds a caller who never chatted by part of the name, the whole number, its tail or the email; masked', async () => {
    for (const q of [
      '来电',
      '赵来电',
      '13900004321',
      '+86 139 0000 4321',
      '4321',
      '04321',
      'zhao.caller@example.COM',
    ]) {
      expect(ids(await search(q)), q).toEqual([caller]);
    }
    expect((await search('赵')).items).toEqual([
      { id: caller, name: '赵来电', phone: '139****4321', email: 'z***@example.com', verified: false },
    ]);
    // Digits from the middle of a number are not its tail; part of an address is not the address.
    expect(ids(await search('1390000'))).toEqual([]);
    expect(ids(await search('example.com'))).toEqual([]);
    expect(ids(await search('zhao@example.com'))).toEqual([]);
    // The chat customer is found too.
    expect((await search('9999')).items.map((c) => c.name)).toEqual(['钱聊天']);
  });

  it('pages newest first with a keyset cursor, without repeats or gaps', async () => {
    const now = t.clock.now();
    const made: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const id = newId(now + i);
      await insertContact(t.ctx.db.kysely, {
        id,
        account_id: w.ws.accountId,
        name: `批量客户${i}`,
        email: null,
        phone: null,
        verified: 0,
        created_at: now,
        updated_at: now,
      });
      made.push(id);
    }
    const seen: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await search('批量客户', `&limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...ids(page));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...made].reverse());
  });

  it('takes LIKE wildcards literally', async () => {
    const now = t.clock.now();
    await insertContact(t.ctx.db.kysely, {
      id: newId(now),
      account_id: w.ws.accountId,
      name: '百分之100%满意',
      email: null,
      phone: null,
      verified: 0,
      created_at: now,
      updated_at: now,
    });
    expect((await search('%')).items.map((c) => c.name)).toEqual(['百分之100%满意']);
    expect((await search('_')).items).toEqual([]);
  });

  it("shows only the caller's workspace", async () => {
    const other = await seedWorkspace(t.ctx, 'contactsearch-other');
    const otherAgent = await signInAs(t.app, other.users.agent.email);
    const res = await call(t.app, otherAgent, 'GET', '/api/contacts?q=4321');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
  });

  it('department users may not search customers; a missing or overlong query is named', async () => {
    expectError(await call(t.app, w.sessions.department, 'GET', '/api/contacts?q=4321'), 403, 'FORBIDDEN');
    for (const url of ['/api/contacts', '/api/contacts?q=%20%20', `/api/contacts?q=${'字'.repeat(101)}`]) {
      const res = await call(t.app, agent, 'GET', url);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain('querystring.q');
    }
  });
});
