import type { BusinessHoursView, InboxView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { sessionFor } from '../../../test/fixtures';
import { inboxView } from '../../../test/inboxFixtures';
import { renderApp } from '../../../test/renderApp';

const CALENDAR_ID = '01900000-0000-7000-8000-00000000c001';
const nineToSix = [{ start: '09:00', end: '18:00' }];

function calendarView(overrides: Partial<BusinessHoursView> = {}): BusinessHoursView {
  return {
    id: CALENDAR_ID,
    name: '客服中心',
    timeZone: 'Asia/Shanghai',
    weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
    holidays: [
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
      { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
    ],
    specialWorkingDays: [{ name: '国庆节调休上班', date: '2026-10-10', hours: nineToSix }],
    status: { open: true, nextChangeAt: '2026-03-02T10:00:00.000Z' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The preview answers as the server would for a calendar that is closed now and opens at 09:00 Shanghai time. */
const closedPreview = {
  at: '2026-03-02T12:00:00.000Z',
  open: false,
  changes: [
    { at: '2026-03-03T01:00:00.000Z', open: true },
    { at: '2026-03-03T10:00:00.000Z', open: false },
  ],
};

function businessHoursApi(role: 'admin' | 'agent', calendars: BusinessHoursView[], extra = {}) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/business-hours': () => ({ body: { items: calendars } }),
    'POST /api/business-hours/preview': { body: closedPreview },
    'POST /api/business-hours': (request: RecordedRequest) => {
      const created = calendarView({ ...(request.body as object), id: '01900000-0000-7000-8000-00000000c002' });
      calendars.push(created);
      return { status: 201, body: created };
    },
    ...extra,
  });
}

describe('BusinessHoursPage', () => {
  it('shows an agent each calendar, whether it is open and when that changes, read-only', async () => {
    const api = businessHoursApi('agent', [calendarView()]);
    renderApp('/settings/business-hours');
    const table = await screen.findByRole('table', { name: '营业时间列表' });
    expect(await within(table).findByText('客服中心')).toBeTruthy();
    expect(within(table).getByText('营业中')).toBeTruthy();
    // 10:00 UTC is 18:00 in Shanghai: the time shows on the calendar's own clock.
    expect(within(table).getByText(/18:00 结束营业/)).toBeTruthy();
    expect(screen.queryByTestId('create-business-hours')).toBeNull();
    expect(within(table).queryByText('删除')).toBeNull();

    fireEvent.click(within(table).getByText('客服中心'));
    const drawer = await screen.findByRole('dialog', { name: '客服中心' });
    expect(within(drawer).getByLabelText('第 1 个节假日名称')).toHaveProperty('value', '国庆节');
    expect(within(drawer).getByLabelText('第 1 个节假日名称')).toHaveProperty('disabled', true);
    expect(within(drawer).queryByRole('button', { name: '保存' })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: /添加时段/ })).toBeNull();
    // The preview asks about the calendar as shown, without its name.
    await waitFor(() => expect(api.find('POST /api/business-hours/preview').length).toBeGreaterThan(0));
    const previewBody = api.find('POST /api/business-hours/preview')[0]?.body as Record<string, unknown>;
    expect(previewBody).toEqual({
      timeZone: 'Asia/Shanghai',
      weekly: calendarView().weekly,
      holidays: calendarView().holidays,
      specialWorkingDays: calendarView().specialWorkingDays,
    });
    const preview = within(drawer).getByTestId('hours-preview');
    expect(await within(preview).findByText('休息中')).toBeTruthy();
    expect(within(preview).getByText(/09:00 开始营业/)).toBeTruthy();
  });

  it('creates a calendar from the week an admin sets up, with a 24-hour Saturday and a closed Monday', async () => {
    const api = businessHoursApi('admin', []);
    renderApp('/settings/business-hours');
    fireEvent.click(await screen.findByTestId('create-business-hours'));
    const drawer = await screen.findByRole('dialog', { name: '新建营业时间' });

    fireEvent.change(within(drawer).getByLabelText('名称'), { target: { value: '夜间客服' } });
    fireEvent.click(within(drawer).getByRole('button', { name: '周六 全天营业' }));
    fireEvent.click(within(drawer).getByRole('button', { name: '周一 休息' }));
    fireEvent.click(within(drawer).getByRole('button', { name: '周二 添加时段' }));
    fireEvent.click(within(drawer).getByRole('button', { name: '创建' }));

    await waitFor(() => expect(api.find('POST /api/business-hours')).toHaveLength(1));
    expect(api.find('POST /api/business-hours')[0]?.body).toEqual({
      name: '夜间客服',
      timeZone: 'Asia/Shanghai',
      weekly: {
        mon: [],
        // A new interval starts where the day's last one ends.
        tue: [
          { start: '09:00', end: '18:00' },
          { start: '18:00', end: '19:00' },
        ],
        wed: nineToSix,
        thu: nineToSix,
        fri: nineToSix,
        sat: [{ start: '00:00', end: '24:00' }],
        sun: [],
      },
      holidays: [],
      specialWorkingDays: [],
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '新建营业时间' })).toBeNull());
    expect(await within(screen.getByRole('table', { name: '营业时间列表' })).findByText('夜间客服')).toBeTruthy();
  });

  it('shows the server’s complaint next to the interval or date it is about, and keeps the drawer open', async () => {
    businessHoursApi('admin', [calendarView()], {
      [`PATCH /api/business-hours/${CALENDAR_ID}`]: apiError(400, 'VALIDATION_FAILED', [
        { field: 'body.weekly.tue.0.end', issue: 'must end after it starts' },
        { field: 'body.holidays.1.to', issue: 'must not be before from' },
      ]),
    });
    renderApp('/settings/business-hours');
    const table = await screen.findByRole('table', { name: '营业时间列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '编辑' }));
    const drawer = await screen.findByRole('dialog', { name: '编辑营业时间' });
    fireEvent.click(within(drawer).getByRole('button', { name: '保存' }));
    expect(await within(drawer).findByText('must end after it starts')).toBeTruthy();
    expect(within(drawer).getByText('must not be before from')).toBeTruthy();
    expect(within(drawer.closest('.ant-drawer') as HTMLElement).queryByRole('alert')).toBeNull();
  });

  it('saves the whole calendar after removing a holiday, keeping the 调休 day as it was', async () => {
    const api = businessHoursApi('admin', [calendarView()], {
      [`PATCH /api/business-hours/${CALENDAR_ID}`]: (request: RecordedRequest) => ({
        body: calendarView(request.body as Partial<BusinessHoursView>),
      }),
    });
    renderApp('/settings/business-hours');
    const table = await screen.findByRole('table', { name: '营业时间列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '编辑' }));
    const drawer = await screen.findByRole('dialog', { name: '编辑营业时间' });
    fireEvent.click(within(drawer).getByRole('button', { name: '删除第 2 个节假日' }));
    fireEvent.click(within(drawer).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PATCH /api/business-hours/${CALENDAR_ID}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/business-hours/${CALENDAR_ID}`)[0]?.body).toMatchObject({
      name: '客服中心',
      holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
      specialWorkingDays: [{ name: '国庆节调休上班', date: '2026-10-10', hours: nineToSix }],
    });
  });

  it('explains which inboxes and SLA policies keep a calendar from being deleted, and keeps it listed', async () => {
    const api = businessHoursApi('admin', [calendarView()], {
      [`DELETE /api/business-hours/${CALENDAR_ID}`]: apiError(409, 'CALENDAR_IN_USE', {
        inboxes: [
          { id: 'inbox-1', name: '官网' },
          { id: 'inbox-2', name: 'App' },
        ],
        slaPolicies: [{ id: 'policy-1', name: '标准服务' }],
      }),
    });
    renderApp('/settings/business-hours');
    const table = await screen.findByRole('table', { name: '营业时间列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '删除' }));
    const confirm = await screen.findByRole('tooltip');
    fireEvent.click(within(confirm).getByRole('button', { name: '删除' }));

    const alert = await screen.findByTestId('calendar-in-use');
    expect(
      within(alert).getByText('无法删除营业时间 客服中心：以下设置仍在使用它，请先为它们改选营业时间。'),
    ).toBeTruthy();
    const [inboxes, policies] = within(alert).getAllByRole('listitem');
    expect(inboxes?.textContent).toBe('接入渠道：官网、App');
    expect(policies?.textContent).toBe('SLA 策略：标准服务');
    expect(within(policies!).getByRole('link', { name: 'SLA 策略' }).getAttribute('href')).toBe('/settings/sla');
    expect(api.find(`DELETE /api/business-hours/${CALENDAR_ID}`)).toHaveLength(1);
    expect(within(table).getByText('客服中心')).toBeTruthy();
  });

  it('names only the SLA policies when no inbox uses the calendar', async () => {
    businessHoursApi('admin', [calendarView()], {
      [`DELETE /api/business-hours/${CALENDAR_ID}`]: apiError(409, 'CALENDAR_IN_USE', {
        inboxes: [],
        slaPolicies: [{ id: 'policy-1', name: '投诉处理时限' }],
      }),
    });
    renderApp('/settings/business-hours');
    const table = await screen.findByRole('table', { name: '营业时间列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '删除' }));
    fireEvent.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: '删除' }));
    const alert = await screen.findByTestId('calendar-in-use');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['SLA 策略：投诉处理时限']);
  });
});

describe('the inbox form’s business-hours section', () => {
  it('chooses a calendar and an auto-reply for an inbox', async () => {
    const inbox = inboxView();
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('admin') },
      'GET /api/inboxes': { body: { items: [inbox] } },
      'GET /api/business-hours': { body: { items: [calendarView()] } },
      [`PATCH /api/inboxes/${inbox.id}`]: (request: RecordedRequest) => ({
        body: { ...inbox, settings: (request.body as { settings: InboxView['settings'] }).settings },
      }),
    });
    renderApp('/settings/inboxes');
    const table = await screen.findByRole('table', { name: '接入渠道列表' });
    fireEvent.click(await within(table).findByTestId(`edit-${inbox.id}`));
    const dialog = await screen.findByRole('dialog', { name: '编辑接入渠道' });
    const autoReplyItem = () => within(dialog).getByLabelText('非营业时间自动回复').closest('.ant-form-item');
    // Always open: there is no "outside business hours" to reply in.
    expect(autoReplyItem()?.classList.contains('ant-form-item-hidden')).toBe(true);

    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '营业时间' }));
    fireEvent.click(await screen.findByTitle('客服中心'));
    await waitFor(() => expect(autoReplyItem()?.classList.contains('ant-form-item-hidden')).toBe(false));
    fireEvent.change(within(dialog).getByLabelText('非营业时间自动回复'), { target: { value: '  已下班，明天见  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));

    await waitFor(() => expect(api.find(`PATCH /api/inboxes/${inbox.id}`)).toHaveLength(1));
    const body = api.find(`PATCH /api/inboxes/${inbox.id}`)[0]?.body as { settings: InboxView['settings'] };
    expect(body.settings.businessHours).toEqual({ calendarId: CALENDAR_ID, autoReply: '已下班，明天见' });
  });
});
