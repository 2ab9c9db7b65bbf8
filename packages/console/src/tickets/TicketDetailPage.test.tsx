import type { AttachmentView, Role, TeamView, TicketTaskView, TicketView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import {
  AGENT,
  complaintTypeView,
  DEPARTMENT,
  SUPERVISOR,
  TICKET_ID,
  taskView,
  ticketView,
  WAREHOUSE_TEAM_ID,
} from './ticketFixtures';

const UPLOADED: AttachmentView = {
  id: '01900000-0000-7000-8000-000000007a01',
  fileName: '检测报告.pdf',
  contentType: 'application/pdf',
  size: 4096,
  url: '/api/attachments/01900000-0000-7000-8000-000000007a01/signature',
  isImage: false,
};

// Uploads go through XMLHttpRequest (for progress), which the fake API does not answer: the server's answer is
// stood in for here.
vi.mock('../api/attachments', () => ({
  uploadAttachment: () => ({ promise: Promise.resolve(UPLOADED), abort: () => {} }),
}));

const WAREHOUSE: TeamView = {
  id: WAREHOUSE_TEAM_ID,
  name: '仓库',
  kind: 'department',
  description: '',
  memberIds: [DEPARTMENT.id],
  chatLimit: null,
  createdAt: '2026-03-01T00:00:00.000Z',
};
const TECH: TeamView = { ...WAREHOUSE, id: '01900000-0000-7000-8000-000000007302', name: '技术部', memberIds: [] };

const ticketPath = `/api/tickets/${TICKET_ID}`;

/** The ticket page's reads, plus whatever writes a test answers. */
function detailApi(role: Role, current: () => TicketView, writes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/ticket-types': { body: { items: [complaintTypeView()] } },
    'GET /api/ticket-categories': { body: { items: [] } },
    'GET /api/agents': {
      body: {
        items: [AGENT, SUPERVISOR].map((user) => ({
          id: user.id,
          name: user.name,
          role: user.role,
          status: 'online',
          teamIds: [],
          presence: 'online',
          activeChats: 0,
          chatLimit: 10,
        })),
      },
    },
    'GET /api/teams': { body: { items: [] } },
    'GET /api/ticket-notifications': { body: { items: [], nextCursor: null, unreadCount: 0 } },
    [`GET ${ticketPath}`]: () => ({ body: current() }),
    [`GET ${ticketPath}/comments`]: { body: { items: [], nextCursor: null } },
    [`GET ${ticketPath}/timeline`]: { body: { items: [], nextCursor: null } },
    [`GET ${ticketPath}/transcripts`]: { body: { items: [] } },
    ...writes,
  });
}

const workflow = () => screen.findByTestId('workflow-panel');

describe('TicketDetailPage', () => {
  it('shows why a transition is not possible now, on the disabled button', async () => {
    detailApi('agent', () =>
      ticketView({
        state: { key: 'executing', name: '执行中', category: 'open' },
        awaiting: ['tasks.done'],
        openTaskCount: 1,
        transitions: [
          {
            key: 'execution_finished',
            name: '执行完毕',
            to: { key: 'awaiting_follow_up', name: '待回访', category: 'resolved' },
            allowed: false,
            blockers: [{ code: 'tasksDone', message: 'every task must be done' }],
          },
        ],
      }),
    );
    renderApp(`/tickets/${TICKET_ID}`);
    const button = within(await workflow()).getByTestId('transition-execution_finished');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.mouseEnter(button.parentElement ?? button);
    expect(await screen.findByText('协办任务需全部完成')).toBeTruthy();
    expect(within(await workflow()).getByText('等待 1 个协办任务完成后自动进入下一步')).toBeTruthy();
  });

  it('proposes a resolution with the version read; on a conflict it reloads and says what changed', async () => {
    let current = ticketView();
    const api = detailApi('agent', () => current, {
      [`POST ${ticketPath}/resolutions`]: () => {
        // A colleague proposed first: the ticket moved on and is at version 4.
        current = ticketView({
          version: 4,
          state: { key: 'awaiting_approval', name: '待审批', category: 'open' },
          assignee: { id: SUPERVISOR.id, name: SUPERVISOR.name },
          awaiting: ['resolution.approved', 'resolution.rejected'],
        });
        return apiError(409, 'CONFLICT', { currentVersion: 4 });
      },
    });
    renderApp(`/tickets/${TICKET_ID}`);
    fireEvent.click(within(await workflow()).getByTestId('propose-resolution'));
    const dialog = await screen.findByTestId('propose-dialog');
    fireEvent.change(within(dialog).getByLabelText('方案内容'), { target: { value: '退款 200 元并补发新杯' } });
    fireEvent.change(within(dialog).getByLabelText('补偿金额'), { target: { value: '200' } });
    fireEvent.click(screen.getByTestId('propose-dialog-ok'));

    const conflict = await screen.findByTestId('ticket-conflict');
    expect(api.find(`POST ${ticketPath}/resolutions`)[0]?.body).toEqual({
      version: 3,
      summary: '退款 200 元并补发新杯',
      compensationAmount: 200,
    });
    expect(within(conflict).getByText('状态：处理中 → 待审批')).toBeTruthy();
    expect(within(conflict).getByText(`负责人：${AGENT.name} → ${SUPERVISOR.name}`)).toBeTruthy();
    // The page shows the current state: the proposal form is gone, the dialog closed.
    await waitFor(() => expect(screen.queryByTestId('propose-resolution')).toBeNull());
    expect(screen.getAllByTestId('ticket-state')[0]?.textContent).toBe('待审批');
  });

  it('lets a supervisor reject a pending resolution only with a reason', async () => {
    const resolution = {
      id: '01900000-0000-7000-8000-000000007501',
      summary: '退款 200 元',
      compensationAmount: 200,
      status: 'pending' as const,
      requiredApprovals: 1,
      proposedBy: { id: AGENT.id, name: AGENT.name },
      proposedAt: '2026-03-02T04:00:00.000Z',
      approvals: [],
      customerDecision: null,
    };
    const pending = ticketView({
      state: { key: 'awaiting_approval', name: '待审批', category: 'open' },
      awaiting: ['resolution.approved', 'resolution.rejected'],
      resolution,
      resolutions: [resolution],
    });
    const api = detailApi('supervisor', () => pending, {
      [`POST ${ticketPath}/approvals`]: () => ({ body: ticketView() }),
    });
    renderApp(`/tickets/${TICKET_ID}`);
    fireEvent.click(within(await workflow()).getByTestId('reject-resolution'));
    await screen.findByTestId('approval-dialog');
    fireEvent.click(screen.getByTestId('approval-dialog-ok'));
    expect(await screen.findByText('请填写此项')).toBeTruthy();
    expect(api.find(`POST ${ticketPath}/approvals`)).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: '补偿过高，先补发' } });
    fireEvent.click(screen.getByTestId('approval-dialog-ok'));
    await waitFor(() => expect(api.find(`POST ${ticketPath}/approvals`)).toHaveLength(1));
    expect(api.find(`POST ${ticketPath}/approvals`)[0]?.body).toEqual({
      resolutionId: resolution.id,
      decision: 'reject',
      reason: '补偿过高，先补发',
    });
  });

  it('an agent cannot approve: the panel says the resolution waits for a supervisor', async () => {
    detailApi('agent', () =>
      ticketView({
        state: { key: 'awaiting_approval', name: '待审批', category: 'open' },
        awaiting: ['resolution.approved', 'resolution.rejected'],
        resolution: {
          id: '01900000-0000-7000-8000-000000007501',
          summary: '退款 200 元',
          compensationAmount: 200,
          status: 'pending',
          requiredApprovals: 1,
          proposedBy: { id: AGENT.id, name: AGENT.name },
          proposedAt: '2026-03-02T04:00:00.000Z',
          approvals: [],
          customerDecision: null,
        },
      }),
    );
    renderApp(`/tickets/${TICKET_ID}`);
    const panel = await workflow();
    expect(within(panel).getByText('处理方案等待主管审批')).toBeTruthy();
    expect(within(panel).queryByTestId('approve-resolution')).toBeNull();
  });

  it('records the follow-up (回访) with the outcome and the version read', async () => {
    const api = detailApi(
      'agent',
      () =>
        ticketView({
          state: { key: 'awaiting_follow_up', name: '待回访', category: 'resolved' },
          awaiting: ['followUp.satisfied', 'followUp.unsatisfied'],
        }),
      { [`POST ${ticketPath}/follow-ups`]: () => ({ body: ticketView({ version: 4 }) }) },
    );
    renderApp(`/tickets/${TICKET_ID}`);
    fireEvent.click(within(await workflow()).getByTestId('record-follow-up'));
    const dialog = await screen.findByTestId('follow-up-dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: '满意' }));
    fireEvent.change(within(dialog).getByLabelText('回访记录'), { target: { value: '客户收到新杯，很满意' } });
    fireEvent.click(screen.getByTestId('follow-up-dialog-ok'));
    await waitFor(() => expect(api.find(`POST ${ticketPath}/follow-ups`)).toHaveLength(1));
    expect(api.find(`POST ${ticketPath}/follow-ups`)[0]?.body).toMatchObject({
      version: 3,
      satisfied: true,
      channel: 'phone',
      notes: '客户收到新杯，很满意',
    });
  });

  it('an internal comment notifies the colleagues it @mentions', async () => {
    const api = detailApi('agent', () => ticketView(), {
      [`POST ${ticketPath}/comments`]: (request) => ({
        status: 201,
        body: {
          id: '01900000-0000-7000-8000-000000007601',
          kind: 'internal',
          body: (request.body as { body: string }).body,
          author: { type: 'user', id: AGENT.id, name: AGENT.name },
          mentions: [],
          taskId: null,
          conversationId: null,
          messageId: null,
          files: [],
          createdAt: '2026-03-02T05:00:00.000Z',
        },
      }),
    });
    renderApp(`/tickets/${TICKET_ID}`);
    fireEvent.click(await screen.findByRole('tab', { name: '沟通' }));
    const composer = await screen.findByTestId('comment-composer');
    // Replies to the customer need a linked conversation; this ticket has none.
    expect(within(composer).getByText('没有关联会话，只能写内部备注')).toBeTruthy();
    const input = within(composer).getByRole('textbox', { name: '内部备注' });
    fireEvent.change(input, { target: { value: `@${SUPERVISOR.name} 请看一下补偿金额` } });
    fireEvent.click(within(composer).getByTestId('send-comment'));
    await waitFor(() => expect(api.find(`POST ${ticketPath}/comments`)).toHaveLength(1));
    expect(api.find(`POST ${ticketPath}/comments`)[0]?.body).toEqual({
      body: `@${SUPERVISOR.name} 请看一下补偿金额`,
      attachmentIds: [],
      mentionIds: [SUPERVISOR.id],
    });
  });

  it('shows the SLA clocks, read again from the server, with the breached one and by how much', async () => {
    const sla = {
      policy: { id: '01900000-0000-7000-8000-000000007901', name: '投诉处理时限' },
      calendar: { id: '01900000-0000-7000-8000-000000007902', name: '客服营业时间' },
      state: 'breached' as const,
      dueAt: '2026-03-02T03:00:00.000Z',
      paused: false,
      clocks: [
        {
          kind: 'firstResponse' as const,
          state: 'met' as const,
          targetMinutes: 60,
          startedAt: '2026-03-02T02:00:00.000Z',
          dueAt: null,
          warnAt: null,
          stoppedAt: '2026-03-02T02:20:00.000Z',
          elapsedMs: 20 * 60_000,
          remainingMs: 40 * 60_000,
        },
        {
          kind: 'resolution' as const,
          state: 'breached' as const,
          targetMinutes: 120,
          startedAt: '2026-03-02T02:00:00.000Z',
          dueAt: '2026-03-02T04:00:00.000Z',
          warnAt: null,
          stoppedAt: null,
          elapsedMs: 195 * 60_000,
          remainingMs: -75 * 60_000,
        },
      ],
    };
    const api = detailApi('agent', () => ticketView({ sla: { ...sla, state: 'running' } }), {
      [`GET ${ticketPath}/sla`]: { body: { sla } },
    });
    renderApp(`/tickets/${TICKET_ID}`);
    const card = await screen.findByTestId('sla-card');
    const resolution = await within(card).findByTestId('sla-clock-resolution');
    await waitFor(() => expect(resolution.textContent).toContain('已超时'));
    expect(resolution.textContent).toContain('时限 2 小时 0 分');
    expect(resolution.textContent).toContain('超时 1 小时 15 分');
    expect(within(card).getByTestId('sla-clock-firstResponse').textContent).toContain('已达标');
    expect(within(card).getByText('按「客服营业时间」营业时间计时')).toBeTruthy();
    expect(api.find(`GET ${ticketPath}/sla`).length).toBeGreaterThan(0);
  });

  it('shows personal form values masked and reveals one to a supervisor who gives a reason', async () => {
    const api = detailApi('supervisor', () => ticketView(), {
      [`POST ${ticketPath}/reveal`]: () => ({ body: { value: '13900001111' } }),
    });
    renderApp(`/tickets/${TICKET_ID}`);
    const fields = await screen.findByTestId('ticket-fields');
    expect((await within(fields).findByTestId('masked-field-phone')).textContent).toBe('139****1111');
    fireEvent.click(within(fields).getByTestId('reveal-field-phone'));
    fireEvent.change(await screen.findByLabelText('原因'), { target: { value: '回访需要核对号码' } });
    fireEvent.click(screen.getByRole('button', { name: '查看' }));
    expect((await within(fields).findByTestId('revealed-field-phone')).textContent).toContain('13900001111');
    expect(api.find(`POST ${ticketPath}/reveal`)[0]?.body).toEqual({
      target: 'field',
      key: 'phone',
      reason: '回访需要核对号码',
    });
  });

  it('attaches an uploaded file to an internal comment and shows comment files as download links', async () => {
    const sent = {
      id: '01900000-0000-7000-8000-000000007602',
      kind: 'internal' as const,
      body: '质检报告见附件',
      author: { type: 'user' as const, id: AGENT.id, name: AGENT.name },
      mentions: [],
      taskId: null,
      conversationId: null,
      messageId: null,
      files: [{ ...UPLOADED, url: `${ticketPath}/files/01900000-0000-7000-8000-000000007b01` }],
      createdAt: '2026-03-02T05:00:00.000Z',
    };
    let comments: (typeof sent)[] = [];
    const api = detailApi('agent', () => ticketView(), {
      [`GET ${ticketPath}/comments`]: () => ({ body: { items: comments, nextCursor: null } }),
      [`POST ${ticketPath}/comments`]: () => {
        comments = [sent];
        return { status: 201, body: sent };
      },
    });
    renderApp(`/tickets/${TICKET_ID}`);
    fireEvent.click(await screen.findByRole('tab', { name: '沟通' }));
    const composer = await screen.findByTestId('comment-composer');
    const picker = composer.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(picker, {
      target: { files: [new File(['%PDF-1.7'], '检测报告.pdf', { type: 'application/pdf' })] },
    });
    expect(await within(composer).findByText('检测报告.pdf')).toBeTruthy();
    fireEvent.change(within(composer).getByRole('textbox', { name: '内部备注' }), {
      target: { value: '质检报告见附件' },
    });
    await waitFor(() =>
      expect((within(composer).getByTestId('send-comment') as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(within(composer).getByTestId('send-comment'));
    await waitFor(() => expect(api.find(`POST ${ticketPath}/comments`)).toHaveLength(1));
    expect(api.find(`POST ${ticketPath}/comments`)[0]?.body).toEqual({
      body: '质检报告见附件',
      attachmentIds: [UPLOADED.id],
      mentionIds: [],
    });
    const list = screen.getByTestId('ticket-comments');
    const link = await within(list).findByRole('link', { name: /检测报告\.pdf/ });
    expect(link.getAttribute('href')).toBe(sent.files[0]!.url);
    // The composer is empty again, its files included.
    await waitFor(() => expect(within(composer).queryByText('检测报告.pdf')).toBeNull());
  });

  /** The ticket page with one open task of the warehouse, its teams and the warehouse's members. */
  function taskApi(task: TicketTaskView, patch: Parameters<typeof fakeApi>[0][string]) {
    return detailApi('agent', () => ticketView({ tasks: [task], openTaskCount: 1 }), {
      'GET /api/teams': { body: { items: [WAREHOUSE, TECH] } },
      [`GET /api/teams/${WAREHOUSE_TEAM_ID}/members`]: {
        body: {
          items: [
            { id: DEPARTMENT.id, name: DEPARTMENT.name, role: 'department', active: true },
            { id: '01900000-0000-7000-8000-000000000199', name: '已离职的库管', role: 'department', active: false },
          ],
        },
      },
      [`GET /api/teams/${TECH.id}/members`]: { body: { items: [] } },
      [`PATCH /api/tasks/${task.id}`]: patch,
    });
  }

  async function openTaskEditor() {
    fireEvent.click(await screen.findByRole('tab', { name: /协办/ }));
    fireEvent.click(await screen.findByTestId('edit-task'));
    return screen.findByTestId('edit-task-dialog');
  }

  it('an agent picks a task owner among the department’s active members and re-words it, with the version read', async () => {
    const task = taskView();
    const api = taskApi(task, (request) => ({
      body: {
        ...task,
        owner: { id: DEPARTMENT.id, name: DEPARTMENT.name },
        version: 2,
        replies: [],
        ...(request.body as object),
      },
    }));
    renderApp(`/tickets/${TICKET_ID}`);
    const dialog = await openTaskEditor();
    fireEvent.mouseDown(within(dialog).getByLabelText('负责人'));
    fireEvent.click(await screen.findByTitle(DEPARTMENT.name));
    // A disabled member cannot own the task, so is not offered.
    expect(screen.queryByTitle('已离职的库管')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('说明'), { target: { value: '按新地址补发 500ml 款' } });
    fireEvent.click(within(document.body).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PATCH /api/tasks/${task.id}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/tasks/${task.id}`)[0]?.body).toEqual({
      version: 1,
      ownerId: DEPARTMENT.id,
      instructions: '按新地址补发 500ml 款',
    });
  });

  it('moving a task to another department clears its owner; a conflict reloads the task and says so', async () => {
    const task = taskView({ owner: { id: DEPARTMENT.id, name: DEPARTMENT.name }, version: 3 });
    const api = taskApi(task, () => apiError(409, 'CONFLICT', { currentVersion: 4 }));
    renderApp(`/tickets/${TICKET_ID}`);
    const dialog = await openTaskEditor();
    fireEvent.mouseDown(within(dialog).getByLabelText('协办部门'));
    fireEvent.click(await screen.findByTitle('技术部（部门）'));
    fireEvent.click(within(document.body).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PATCH /api/tasks/${task.id}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/tasks/${task.id}`)[0]?.body).toEqual({ version: 3, teamId: TECH.id, ownerId: null });
    expect(await screen.findByText('任务刚被修改（可能已改派或取消），已刷新')).toBeTruthy();
    await waitFor(() => expect(api.find(`GET ${ticketPath}`).length).toBeGreaterThan(1));
  });

  it('the timeline names who a task went to and which department, even people outside the agent directory', async () => {
    const entry = (id: string, field: string, from: unknown, to: unknown, detail: Record<string, unknown> = {}) => ({
      id,
      version: 3,
      action: 'task.updated',
      field,
      from,
      to,
      actor: { type: 'user', id: AGENT.id, name: AGENT.name },
      detail: { taskId: taskView().id, title: '补发一个新杯子', ...detail },
      createdAt: '2026-03-02T06:00:00.000Z',
    });
    detailApi('agent', () => ticketView(), {
      [`GET ${ticketPath}/timeline`]: {
        body: {
          items: [
            entry('01900000-0000-7000-8000-000000007c01', 'task.team', '仓库', '技术部'),
            entry('01900000-0000-7000-8000-000000007c02', 'task.owner', null, DEPARTMENT.id, {
              fromName: null,
              toName: '技术部小李',
            }),
          ],
          nextCursor: null,
        },
      },
    });
    renderApp(`/tickets/${TICKET_ID}`);
    fireEvent.click(await screen.findByRole('tab', { name: '时间线' }));
    const [team, owner] = await screen.findAllByTestId('timeline-entry');
    expect(team?.textContent).toContain('协办部门：仓库 → 技术部');
    expect(owner?.textContent).toContain('负责人：部门任意成员 → 技术部小李');
    expect(owner?.textContent).toContain('补发一个新杯子');
  });
});
