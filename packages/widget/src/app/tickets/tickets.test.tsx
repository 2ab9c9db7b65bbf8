import type { WidgetTicketView } from '@kefu/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { TICKET_STRINGS } from './strings';
import { apiValue } from './TicketForm';
import TicketsPanel from './TicketsPanel';
import type { TicketsClient, WidgetTicketType } from './ticketsClient';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function flush() {
  await act(async () => {
    for (let i = 0; i < 8; i++) await Promise.resolve();
  });
}

const ticket = (overrides: Partial<WidgetTicketView> = {}): WidgetTicketView => ({
  id: '01900000-0000-7000-8000-000000009101',
  number: 'T-20260302-0001',
  title: '保温杯漏水',
  typeName: '投诉',
  state: { key: 'awaiting_customer', name: '待客户确认', category: 'pending' },
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T05:00:00.000Z',
  pendingDecision: {
    resolutionId: '01900000-0000-7000-8000-000000009201',
    summary: '退款 200 元并补发新杯',
    compensationAmount: 200,
  },
  replies: [
    { id: 'r1', body: '您好，方案已经批准', author: '李晓', attachments: [], createdAt: '2026-03-02T05:00:00.000Z' },
  ],
  ...overrides,
});

const complaint: WidgetTicketType = {
  id: '01900000-0000-7000-8000-000000009301',
  name: '退换货',
  description: '退货、换货与补发',
  fields: [
    {
      key: 'request',
      label: '申请类型',
      kind: 'select',
      required: true,
      options: [{ value: 'return', label: '退货' }],
    },
    {
      key: 'reason',
      label: '原因',
      kind: 'cascade',
      required: true,
      cascadeOptions: [
        { value: 'quality', label: '质量问题', parent: null },
        { value: 'damaged', label: '破损', parent: 'quality' },
        { value: 'wrong_item', label: '发错货', parent: null },
      ],
    },
    { key: 'received_on', label: '收货日期', kind: 'date' },
  ],
};

function fakeClient(overrides: Partial<TicketsClient> = {}): TicketsClient {
  return {
    types: vi.fn(async () => [complaint]),
    list: vi.fn(async () => [ticket()]),
    create: vi.fn(async () => ticket({ number: 'T-20260302-0002', pendingDecision: null })),
    decide: vi.fn(async () =>
      ticket({ pendingDecision: null, state: { key: 'executing', name: '执行中', category: 'open' } }),
    ),
    upload: vi.fn(),
    download: vi.fn(async () => new Blob(['发票号 0001'])),
    ...overrides,
  };
}

const byText = (text: string) =>
  [...container.querySelectorAll('button, label, strong, p, div, span')].find(
    (el) => el.textContent?.trim() === text,
  ) as HTMLElement | undefined;

function input(element: Element, value: string) {
  (element as HTMLInputElement).value = value;
  element.dispatchEvent(new Event(element.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
}

describe('the widget’s tickets view', () => {
  it('shows the customer’s ticket with our reply and lets them accept the proposed solution', async () => {
    const client = fakeClient();
    await act(() =>
      render(
        <TicketsPanel locale="zh-CN" token={() => 'visitor-token'} onBack={() => {}} client={client} />,
        container,
      ),
    );
    await flush();
    expect(container.querySelector('.ticket-state')?.textContent).toBe('待客户确认');
    const pending = container.querySelector('[data-testid=pending-decision]');
    expect(pending?.textContent).toContain('退款 200 元并补发新杯');
    expect(pending?.textContent).toContain('补偿 ¥200.00');
    expect(container.textContent).toContain('您好，方案已经批准');

    await act(async () => byText('同意方案')?.click());
    await flush();
    expect(client.decide).toHaveBeenCalledWith(ticket().id, {
      resolutionId: '01900000-0000-7000-8000-000000009201',
      decision: 'accept',
    });
    expect(container.querySelector('[data-testid=pending-decision]')).toBeNull();
    expect(container.querySelector('.ticket-state')?.textContent).toBe('执行中');
    expect(container.textContent).toContain('已收到您的确认，我们会尽快处理');
  });

  it('shows the files our replies carried, and fetches one when the customer asks for it', async () => {
    const url = '/api/attachments/01900000-0000-7000-8000-000000009401/signature-of-the-file';
    const withFile = ticket({
      pendingDecision: null,
      replies: [
        {
          id: 'r2',
          body: '电子发票见附件',
          author: '李晓',
          attachments: [
            {
              id: '01900000-0000-7000-8000-000000009401',
              fileName: '发票.pdf',
              contentType: 'application/pdf',
              size: 2048,
              url,
              isImage: false,
            },
          ],
          createdAt: '2026-03-02T06:00:00.000Z',
        },
      ],
    });
    const client = fakeClient({ list: vi.fn(async () => [withFile]) });
    await act(() =>
      render(
        <TicketsPanel locale="zh-CN" token={() => 'visitor-token'} onBack={() => {}} client={client} />,
        container,
      ),
    );
    await flush();
    await act(async () => (container.querySelector('.ticket-head') as HTMLElement).click());
    const file = container.querySelector('[data-testid=reply-file]') as HTMLButtonElement;
    expect(file.textContent).toBe('发票.pdf');
    expect(file.title).toBe('下载');
    // jsdom has no object URLs: lend it some for this click.
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    const created = vi.fn(() => 'blob:invoice');
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    try {
      await act(async () => file.click());
      await flush();
    } finally {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
    expect(client.download).toHaveBeenCalledWith(url);
    expect(created).toHaveBeenCalledTimes(1);
  });

  it('declines with a note', async () => {
    const client = fakeClient();
    await act(() =>
      render(<TicketsPanel locale="en" token={() => 'visitor-token'} onBack={() => {}} client={client} />, container),
    );
    await flush();
    await act(async () => byText('Decline')?.click());
    input(
      container.querySelector('textarea[aria-label="Tell us what you think (optional)"]') as Element,
      '想要全额退款',
    );
    await flush();
    await act(async () => byText('Send')?.click());
    await flush();
    expect(client.decide).toHaveBeenCalledWith(ticket().id, {
      resolutionId: '01900000-0000-7000-8000-000000009201',
      decision: 'reject',
      note: '想要全额退款',
    });
  });

  it('submits a ticket form level by level, and shows the server’s field problems in the customer’s words', async () => {
    const create = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(400, 'VALIDATION_FAILED', 'bad', [
          { field: 'body.fields.received_on', issue: 'must not be in the future' },
        ]),
      )
      .mockResolvedValueOnce(ticket({ number: 'T-20260302-0002' }));
    const client = fakeClient({ create, list: vi.fn(async () => []) });
    await act(() =>
      render(
        <TicketsPanel locale="zh-CN" token={() => 'visitor-token'} onBack={() => {}} client={client} />,
        container,
      ),
    );
    await flush();
    expect(container.textContent).toContain('您还没有提交过工单');
    await act(async () => (container.querySelector('[data-testid=widget-new-ticket]') as HTMLElement).click());
    await flush();
    // The only type is chosen already.
    input(container.querySelector('#tf-title') as Element, '杯子破了');
    input(container.querySelector('#tf-request') as Element, 'return');
    await flush();
    // Submitting without the cascading reason names it.
    await act(async () => (container.querySelector('button[type=submit]') as HTMLElement).click());
    await flush();
    expect(create).not.toHaveBeenCalled();
    expect(container.querySelector('#tf-reason-e')?.textContent).toBe('请填写此项');

    input(container.querySelector('#tf-reason select') as Element, 'quality');
    await flush();
    const levels = container.querySelectorAll('#tf-reason select');
    expect(levels).toHaveLength(2);
    input(levels[1] as Element, 'damaged');
    input(container.querySelector('#tf-received_on') as Element, '2099-01-01');
    await flush();
    await act(async () => (container.querySelector('button[type=submit]') as HTMLElement).click());
    await flush();
    expect(create).toHaveBeenCalledWith({
      typeId: complaint.id,
      title: '杯子破了',
      description: '',
      fields: { request: 'return', reason: ['quality', 'damaged'], received_on: '2099-01-01' },
    });
    expect(container.querySelector('#tf-received_on-e')?.textContent).toBe('请检查此项');

    input(container.querySelector('#tf-received_on') as Element, '2026-03-01');
    await flush();
    await act(async () => (container.querySelector('button[type=submit]') as HTMLElement).click());
    await flush();
    expect(container.textContent).toContain('工单已提交，编号 T-20260302-0002');
  });

  it('sends numbers as numbers and local times as instants', () => {
    expect(apiValue({ key: 'n', label: 'n', kind: 'number' }, '12.5')).toBe(12.5);
    const at = apiValue({ key: 'd', label: 'd', kind: 'datetime' }, '2026-03-01T10:00') as string;
    expect(Date.parse(at)).toBe(new Date('2026-03-01T10:00').getTime());
    expect(apiValue({ key: 's', label: 's', kind: 'text' }, '')).toBeUndefined();
  });

  it('has the same texts and placeholders in zh-CN, zh-TW and en', () => {
    const keys = Object.keys(TICKET_STRINGS['zh-CN']).sort();
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of ['zh-TW', 'en'] as const) {
      expect(Object.keys(TICKET_STRINGS[locale]).sort()).toEqual(keys);
      for (const key of keys as (keyof (typeof TICKET_STRINGS)['zh-CN'])[]) {
        expect(placeholders(TICKET_STRINGS[locale][key]), `${locale} ${key}`).toEqual(
          placeholders(TICKET_STRINGS['zh-CN'][key]),
        );
      }
    }
  });
});
