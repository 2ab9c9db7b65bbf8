import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import { COMPLAINT_ID, CONTACT_ID, complaintTypeView, INQUIRY_ID, inquiryTypeView, ticketView } from './ticketFixtures';

function newTicketApi(
  answer: (body: Record<string, unknown>) => { status?: number; body?: unknown },
  more: Parameters<typeof fakeApi>[0] = {},
) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('agent') },
    'GET /api/ticket-types': { body: { items: [inquiryTypeView(), complaintTypeView()] } },
    'GET /api/ticket-categories': { body: { items: [] } },
    'GET /api/agents': { body: { items: [] } },
    'GET /api/teams': { body: { items: [] } },
    'POST /api/tickets': (request) => answer(request.body as Record<string, unknown>),
    [`GET /api/tickets/${ticketView().id}`]: { body: ticketView() },
    ...more,
  });
}

const form = () => screen.getByRole('form', { name: '新建工单' });
const type = (label: string, value: string) =>
  fireEvent.change(within(form()).getByLabelText(label), { target: { value } });

describe('NewTicketPage', () => {
  it('fills the complaint register for a new customer and shows the server’s field problems on the fields', async () => {
    const api = newTicketApi((body) =>
      (body.fields as Record<string, unknown>).phone === '12'
        ? apiError(400, 'VALIDATION_FAILED', [
            { field: 'body.fields.phone', issue: 'must be a phone number (5–20 digits)' },
          ])
        : { status: 201, body: ticketView() },
    );
    const view = renderApp('/tickets/new');
    fireEvent.click(await screen.findByRole('radio', { name: '投诉' }));
    await screen.findByText('投诉登记表');

    type('标题', '保温杯漏水');
    type('姓名', '王先生');
    type('单位', '悦家贸易');
    type('联系电话', '12');
    type('投诉原因', '新买的保温杯漏水');
    fireEvent.click(within(form()).getByTestId('create-ticket'));

    expect(await within(form()).findByText('must be a phone number (5–20 digits)')).toBeTruthy();
    expect(api.find('POST /api/tickets')[0]?.body).toMatchObject({
      typeId: COMPLAINT_ID,
      title: '保温杯漏水',
      contact: { name: '王先生' },
      priority: 'high',
      fields: { company: '悦家贸易', phone: '12', reason: '新买的保温杯漏水' },
    });
    expect(view.router.state.location.pathname).toBe('/tickets/new');

    type('联系电话', '13900001111');
    fireEvent.click(within(form()).getByTestId('create-ticket'));
    await waitFor(() => expect(view.router.state.location.pathname).toBe(`/tickets/${ticketView().id}`));
    expect(api.find('POST /api/tickets')[1]?.body).toHaveProperty('fields', {
      company: '悦家贸易',
      phone: '13900001111',
      reason: '新买的保温杯漏水',
    });
  });

  it('logs the phone call a ticket comes from (号码, 呼入/呼出, 时长, 摘要)', async () => {
    const api = newTicketApi(() => ({ status: 201, body: ticketView() }));
    renderApp('/tickets/new?source=phone');
    fireEvent.click(await screen.findByRole('radio', { name: '咨询' }));
    await screen.findByText('咨询登记表');
    type('标题', '发票怎么开');
    type('姓名', '赵女士');
    fireEvent.mouseDown(within(form()).getByLabelText('咨询类别'));
    fireEvent.click(await screen.findByTitle('订单'));
    type('号码', '13700002222');
    fireEvent.click(within(form()).getByRole('radio', { name: '呼出' }));
    type('时长', '2.5');
    type('摘要', '客户询问发票抬头');
    fireEvent.click(within(form()).getByTestId('create-ticket'));

    await waitFor(() => expect(api.find('POST /api/tickets')).toHaveLength(1));
    const body = api.find('POST /api/tickets')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      typeId: INQUIRY_ID,
      fields: { topic: 'order' },
      call: { phoneNumber: '13700002222', direction: 'outbound', durationSeconds: 150, summary: '客户询问发票抬头' },
    });
    expect(Number.isNaN(Date.parse(String((body.call as { startedAt: string }).startedAt)))).toBe(false);
  });

  it('finds a caller who never chatted by the last digits of their number, and files the ticket for them', async () => {
    const caller = { id: CONTACT_ID, name: '赵来电', phone: '139****4321', email: 'z***@example.com', verified: false };
    const api = newTicketApi(() => ({ status: 201, body: ticketView() }), {
      'GET /api/contacts': (request) => ({
        body: { items: request.query.get('q') === '4321' ? [caller] : [], nextCursor: null },
      }),
    });
    renderApp('/tickets/new?source=phone');
    fireEvent.click(await screen.findByRole('radio', { name: '咨询' }));
    await screen.findByText('咨询登记表');
    type('标题', '发票怎么开');
    fireEvent.click(within(form()).getByRole('radio', { name: '已有客户' }));
    const search = await within(form()).findByLabelText('查找客户');
    fireEvent.change(search, { target: { value: '4321' } });
    fireEvent.click(await screen.findByTitle('赵来电 · 139****4321 · z***@example.com'));
    fireEvent.mouseDown(within(form()).getByLabelText('咨询类别'));
    fireEvent.click(await screen.findByTitle('订单'));
    type('号码', '13900004321');
    type('时长', '1');
    fireEvent.click(within(form()).getByTestId('create-ticket'));
    await waitFor(() => expect(api.find('POST /api/tickets')).toHaveLength(1));
    expect(api.find('GET /api/contacts').map((request) => request.query.get('q'))).toContain('4321');
    const body = api.find('POST /api/tickets')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ typeId: INQUIRY_ID, contactId: CONTACT_ID });
    expect(body).not.toHaveProperty('contact');
  });

  it('from a conversation it names the conversation instead of a customer and may leave the title to the server', async () => {
    const api = newTicketApi(() => ({ status: 201, body: ticketView() }));
    const conversationId = '01900000-0000-7000-8000-000000009999';
    renderApp(`/tickets/new?type=${INQUIRY_ID}&conversation=${conversationId}`);
    await screen.findByText('客户来自当前会话：工单会关联该会话并保存聊天记录。');
    expect(within(form()).queryByLabelText('姓名')).toBeNull();
    fireEvent.mouseDown(within(form()).getByLabelText('咨询类别'));
    fireEvent.click(await screen.findByTitle('物流'));
    fireEvent.click(within(form()).getByTestId('create-ticket'));
    await waitFor(() => expect(api.find('POST /api/tickets')).toHaveLength(1));
    const body = api.find('POST /api/tickets')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ typeId: INQUIRY_ID, conversationId, fields: { topic: 'delivery' } });
    expect(body).not.toHaveProperty('title');
    expect(body).not.toHaveProperty('contact');
  });
});
