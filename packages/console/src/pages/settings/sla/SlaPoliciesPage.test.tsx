import type { BusinessHoursView, SlaPolicyView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, type RecordedRequest } from '../../../test/fakeApi';
import { sessionFor, teamView, userView } from '../../../test/fixtures';
import { testId } from '../../../test/inboxFixtures';
import { renderApp } from '../../../test/renderApp';
import { COMPLAINT_ID, complaintTypeView, inquiryTypeView } from '../../../tickets/ticketFixtures';

const CALENDAR_ID = testId(8001);
const URGENT_ID = testId(8101);
const COMPLAINTS_ID = testId(8102);
const XIAOLI = userView({ id: testId(8201), name: '小李', role: 'agent' });
const ZHUGUAN = userView({ id: testId(8202), name: '王主管', role: 'supervisor' });
const WAREHOUSE = userView({ id: testId(8203), name: '仓库老张', role: 'department' });
const AFTER_SALES = teamView({ id: testId(8301), name: '售后' });

const nineToSix = [{ start: '09:00', end: '18:00' }];
const calendar: BusinessHoursView = {
  id: CALENDAR_ID,
  name: '客服中心',
  timeZone: 'Asia/Shanghai',
  weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
  holidays: [],
  specialWorkingDays: [],
  status: { open: true, nextChangeAt: null },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function policyView(overrides: Partial<SlaPolicyView>): SlaPolicyView {
  return {
    id: URGENT_ID,
    name: '紧急工单',
    description: '',
    enabled: true,
    position: 0,
    conditions: { typeIds: [], priorities: ['urgent'], customerTags: [], ticketTags: [] },
    calendar: null,
    targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 1440 },
    warning: { mode: 'percent', value: 80 },
    onBreach: {
      notifySupervisors: true,
      notifyUserIds: [],
      raisePriority: false,
      reassignToUserId: null,
      reassignToTeamId: null,
    },
    pauseWhenPending: true,
    version: 3,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}

const complaints = () =>
  policyView({
    id: COMPLAINTS_ID,
    name: '投诉处理时限',
    description: '投诉 36 小时内办结',
    position: 1,
    conditions: { typeIds: [COMPLAINT_ID], priorities: [], customerTags: ['VIP'], ticketTags: [] },
    calendar: { id: CALENDAR_ID, name: '客服中心' },
    targets: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 2160 },
    warning: { mode: 'minutes', value: 15 },
    onBreach: {
      notifySupervisors: false,
      notifyUserIds: [ZHUGUAN.id],
      raisePriority: true,
      reassignToUserId: XIAOLI.id,
      reassignToTeamId: AFTER_SALES.id,
    },
    version: 5,
  });

function slaApi(policies: SlaPolicyView[], writes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('admin') },
    'GET /api/sla-policies': () => ({ body: { items: policies } }),
    'GET /api/ticket-types': { body: { items: [inquiryTypeView(), complaintTypeView()] } },
    'GET /api/business-hours': { body: { items: [calendar] } },
    'GET /api/users': { body: { items: [XIAOLI, ZHUGUAN, WAREHOUSE] } },
    'GET /api/teams': { body: { items: [AFTER_SALES] } },
    'GET /api/ticket-notifications': { body: { items: [], nextCursor: null, unreadCount: 0 } },
    ...writes,
  });
}

async function openTable() {
  renderApp('/settings/sla');
  const table = await screen.findByRole('table', { name: 'SLA 策略列表' });
  await within(table).findByText('投诉处理时限');
  return table;
}

async function pick(dialog: HTMLElement, field: string, option: string) {
  fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: field }));
  const choices = await screen.findAllByTitle(option);
  fireEvent.click(choices.at(-1)!);
}

function typeTag(dialog: HTMLElement, field: string, tag: string) {
  const input = within(dialog).getByRole('combobox', { name: field });
  fireEvent.change(input, { target: { value: tag } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

const typeNumber = (dialog: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });

/** The form item (label, control and its messages) a control sits in. */
const itemOf = (element: HTMLElement) => element.closest('.ant-form-item') as HTMLElement;

describe('SlaPoliciesPage', () => {
  it('lists the policies in the order they are tried, with what each applies to, its targets and actions', async () => {
    slaApi([policyView({}), complaints()]);
    const table = await openTable();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['1', '2']);
    const [urgent, complaint] = rows.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
    expect(urgent?.slice(1, 6)).toEqual([
      '紧急工单',
      '优先级：紧急',
      '首次响应 30 分钟再次响应 1 小时解决 24 小时',
      '全天候（7×24）',
      '通知主管',
    ]);
    expect(complaint?.slice(1, 6)).toEqual([
      '投诉处理时限投诉 36 小时内办结',
      '类型：投诉客户标签：VIP',
      '首次响应 1 小时再次响应 2 小时解决 36 小时',
      '客服中心',
      '通知 1 人提升优先级转给 小李转到 售后',
    ]);
    expect(within(rows[0]!).getByRole('button', { name: '上移「紧急工单」' })).toHaveProperty('disabled', true);
    expect(within(rows[1]!).getByRole('button', { name: '下移「投诉处理时限」' })).toHaveProperty('disabled', true);
  });

  it('moves a policy up and disables one, each with the version it read', async () => {
    const api = slaApi([policyView({}), complaints()], {
      [`PATCH /api/sla-policies/${COMPLAINTS_ID}`]: (request: RecordedRequest) => ({
        body: { ...complaints(), ...(request.body as object) },
      }),
      [`PATCH /api/sla-policies/${URGENT_ID}`]: (request: RecordedRequest) => ({
        body: { ...policyView({}), ...(request.body as object) },
      }),
    });
    const table = await openTable();
    fireEvent.click(within(table).getByRole('button', { name: '上移「投诉处理时限」' }));
    await waitFor(() => expect(api.find(`PATCH /api/sla-policies/${COMPLAINTS_ID}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/sla-policies/${COMPLAINTS_ID}`)[0]?.body).toEqual({ version: 5, position: 0 });

    await waitFor(() =>
      expect(within(table).getByRole('switch', { name: '启用「紧急工单」' })).toHaveProperty('disabled', false),
    );
    fireEvent.click(within(table).getByRole('switch', { name: '启用「紧急工单」' }));
    await waitFor(() => expect(api.find(`PATCH /api/sla-policies/${URGENT_ID}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/sla-policies/${URGENT_ID}`)[0]?.body).toEqual({ version: 3, enabled: false });
  });

  it('creates a policy from what the admin enters, targets in hours and minutes sent as minutes', async () => {
    const api = slaApi([policyView({}), complaints()], {
      'POST /api/sla-policies': (request: RecordedRequest) => ({
        status: 201,
        body: policyView({ ...(request.body as object), id: testId(8103), calendar: null }),
      }),
    });
    await openTable();
    fireEvent.click(screen.getByTestId('create-sla-policy'));
    const dialog = await screen.findByRole('dialog', { name: '新建 SLA 策略' });

    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '  VIP 投诉  ' } });
    await pick(dialog, '工单类型', '投诉');
    await pick(dialog, '优先级', '高');
    typeTag(dialog, '客户标签', 'VIP');
    await pick(dialog, '计时方式', '客服中心');
    typeNumber(dialog, '首次响应（分钟）', '45');
    typeNumber(dialog, '再次响应（小时）', '2');
    typeNumber(dialog, '解决（小时）', '36');
    typeNumber(dialog, '解决（分钟）', '30');
    fireEvent.click(within(dialog).getByRole('radio', { name: '到期前一段时间' }));
    // Minutes before due start at 30.
    expect(await within(dialog).findByLabelText('提醒时间（分钟）')).toHaveProperty('value', '30');
    typeNumber(dialog, '提醒时间（分钟）', '15');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '等待客户时暂停计时' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '通知主管（没有主管时通知管理员）' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /提升一级优先级/ }));
    await pick(dialog, '另外通知', '王主管');
    await pick(dialog, '转给负责人', '小李');
    await pick(dialog, '转到团队', '售后');
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));

    await waitFor(() => expect(api.find('POST /api/sla-policies')).toHaveLength(1));
    expect(api.find('POST /api/sla-policies')[0]?.body).toEqual({
      name: 'VIP 投诉',
      description: '',
      enabled: true,
      conditions: { typeIds: [COMPLAINT_ID], priorities: ['high'], customerTags: ['VIP'], ticketTags: [] },
      calendarId: CALENDAR_ID,
      targets: { firstResponseMinutes: 45, nextResponseMinutes: 120, resolutionMinutes: 2190 },
      warning: { mode: 'minutes', value: 15 },
      onBreach: {
        notifySupervisors: false,
        notifyUserIds: [ZHUGUAN.id],
        raisePriority: true,
        reassignToUserId: XIAOLI.id,
        reassignToTeamId: AFTER_SALES.id,
      },
      pauseWhenPending: false,
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '新建 SLA 策略' })).toBeNull());
  });

  it('offers only staff who work tickets as people to notify or reassign to', async () => {
    slaApi([complaints()]);
    await openTable();
    fireEvent.click(screen.getByTestId('create-sla-policy'));
    const dialog = await screen.findByRole('dialog', { name: '新建 SLA 策略' });
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '转给负责人' }));
    expect(await screen.findByTitle('小李')).toBeTruthy();
    expect(screen.getByTitle('王主管')).toBeTruthy();
    expect(screen.queryByTitle('仓库老张')).toBeNull();
  });

  it('refuses to send a policy without any target', async () => {
    const api = slaApi([]);
    renderApp('/settings/sla');
    fireEvent.click(await screen.findByTestId('create-sla-policy'));
    const dialog = await screen.findByRole('dialog', { name: '新建 SLA 策略' });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '无时限' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('至少设置一项时限')).toBeTruthy();
    expect(api.find('POST /api/sla-policies')).toHaveLength(0);
  });

  it('sends only what changed, and shows the server’s problems on their fields', async () => {
    const api = slaApi([policyView({}), complaints()], {
      [`PATCH /api/sla-policies/${COMPLAINTS_ID}`]: apiError(400, 'VALIDATION_FAILED', [
        { field: 'body.onBreach.reassignToUserId', issue: 'is not an active staff member' },
        { field: 'body.conditions.typeIds.0', issue: 'is not a ticket type here' },
      ]),
    });
    const table = await openTable();
    fireEvent.click(within(table).getByText('投诉处理时限'));
    const dialog = await screen.findByRole('dialog', { name: '编辑 SLA 策略「投诉处理时限」' });
    expect(within(dialog).getByLabelText('解决（小时）')).toHaveProperty('value', '36');
    expect(within(dialog).getByLabelText('提醒时间（分钟）')).toHaveProperty('value', '15');
    typeNumber(dialog, '解决（小时）', '48');
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));

    await waitFor(() => expect(api.find(`PATCH /api/sla-policies/${COMPLAINTS_ID}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/sla-policies/${COMPLAINTS_ID}`)[0]?.body).toEqual({
      version: 5,
      targets: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 2880 },
    });
    const reassign = itemOf(within(dialog).getByRole('combobox', { name: '转给负责人' }));
    expect(await within(reassign).findByText('is not an active staff member')).toBeTruthy();
    const types = itemOf(within(dialog).getByRole('combobox', { name: '工单类型' }));
    expect(within(types).getByText('is not a ticket type here')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: '编辑 SLA 策略「投诉处理时限」' })).toBeTruthy();
  });

  it('says a taken name on the name field', async () => {
    slaApi([policyView({}), complaints()], {
      'POST /api/sla-policies': apiError(409, 'CONFLICT', [{ field: 'body.name', issue: 'is already in use' }]),
    });
    await openTable();
    fireEvent.click(screen.getByTestId('create-sla-policy'));
    const dialog = await screen.findByRole('dialog', { name: '新建 SLA 策略' });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '紧急工单' } });
    typeNumber(dialog, '首次响应（小时）', '1');
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    const name = itemOf(within(dialog).getByLabelText('名称'));
    expect(await within(name).findByText('已有同名的 SLA 策略')).toBeTruthy();
  });

  it('after a version conflict reads the policy again and saves with the new version', async () => {
    let current = complaints();
    const api = slaApi([policyView({}), complaints()], {
      'GET /api/sla-policies': () => ({ body: { items: [policyView({}), current] } }),
      [`PATCH /api/sla-policies/${COMPLAINTS_ID}`]: (request: RecordedRequest) =>
        (request.body as { version: number }).version === 6
          ? { body: { ...current, ...(request.body as object), version: 7 } }
          : apiError(409, 'CONFLICT', { currentVersion: 6 }),
    });
    const table = await openTable();
    fireEvent.click(within(table).getByText('投诉处理时限'));
    const dialog = await screen.findByRole('dialog', { name: '编辑 SLA 策略「投诉处理时限」' });
    // Someone else saves meanwhile.
    current = { ...complaints(), version: 6 };
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '投诉时限' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('这条策略刚被其他管理员修改，已重新读取，请再操作一次')).toBeTruthy();
    await waitFor(() => expect(api.find('GET /api/sla-policies').length).toBeGreaterThan(1));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PATCH /api/sla-policies/${COMPLAINTS_ID}`)).toHaveLength(2));
    expect(api.find(`PATCH /api/sla-policies/${COMPLAINTS_ID}`)[1]?.body).toEqual({ version: 6, name: '投诉时限' });
  });

  it('deletes a policy after confirming', async () => {
    const api = slaApi([policyView({}), complaints()], {
      [`DELETE /api/sla-policies/${URGENT_ID}`]: { body: { ok: true } },
    });
    const table = await openTable();
    fireEvent.click(within(within(table).getAllByRole('row')[1]!).getByRole('button', { name: '删除' }));
    fireEvent.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(api.find(`DELETE /api/sla-policies/${URGENT_ID}`)).toHaveLength(1));
  });
});
