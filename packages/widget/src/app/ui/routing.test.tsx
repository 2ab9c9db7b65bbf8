import type { QueueStatusView } from '@kefu/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agentMessage,
  CONVERSATION_ID,
  createFakeSocket,
  FakeSocket,
  fakeApi,
  INBOX,
  mapStore,
  SETTINGS,
  sessionResponse,
} from '../../test/fakes';
import { activityText } from '../activityText';
import { ApiError, type WidgetApi } from '../api';
import { ChatController } from '../chat/controller';
import { translator } from '../i18n';
import type { WidgetSessionBody } from '../protocol';
import { App } from './App';

const AFTER_SALES = '0b6f2f0e-6a55-4f37-9a0a-6a2a1c1e9c02';
const TEAM_CHOICE_INBOX = {
  ...INBOX,
  settings: {
    ...SETTINGS,
    teamChoice: {
      enabled: true,
      prompt: '您好！请选择您要咨询的业务：',
      teams: [
        { teamId: '0b6f2f0e-6a55-4f37-9a0a-6a2a1c1e9c01', label: '售前咨询' },
        { teamId: AFTER_SALES, label: '售后服务' },
      ],
    },
  },
};

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  FakeSocket.reset();
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

function renderApp(api: Partial<WidgetApi>, locale: 'zh-CN' | 'en' = 'zh-CN', designatedTeam?: string) {
  const controller = new ChatController({
    websiteToken: 'site-token-123',
    store: mapStore(),
    api: fakeApi(api),
    createSocket: createFakeSocket,
    socketUrl: (token) => `ws://kefu.test/ws/widget?v=1&token=${token}`,
    sessionBody: () => ({ locale }),
  });
  if (designatedTeam) controller.designateTeam(designatedTeam);
  void controller.start();
  act(() => {
    render(
      <App
        controller={controller}
        preferredLocale={locale}
        embedded={false}
        onClose={() => {}}
        onPanelOpen={() => () => {}}
      />,
      container,
    );
  });
  return controller;
}

const buttons = () => [...container.querySelectorAll<HTMLButtonElement>('.team-option')];
const banner = () => container.querySelector<HTMLElement>('.banner.queue');

describe('choosing a team before the first message', () => {
  it('asks first, tells the server through the session, then opens the chat', async () => {
    const sessions: WidgetSessionBody[] = [];
    renderApp({
      session: async (body) => {
        sessions.push(body);
        return sessionResponse({ inbox: TEAM_CHOICE_INBOX });
      },
    });
    await flush();
    expect(container.textContent).toContain('您好！请选择您要咨询的业务：');
    expect(buttons().map((b) => b.textContent)).toEqual(['售前咨询', '售后服务']);
    expect(container.querySelector('.composer')).toBeNull();

    act(() => buttons()[1]!.click());
    await flush();
    expect(sessions).toHaveLength(2);
    expect(sessions[1]).toMatchObject({
      websiteToken: 'site-token-123',
      visitorToken: 'visitor-token-1',
      teamId: AFTER_SALES,
    });
    expect(sessions[0]?.teamId).toBeUndefined();
    expect(container.querySelector('.composer')).not.toBeNull();
    expect(buttons()).toEqual([]);
  });

  it('keeps the choice open when the server refused it', async () => {
    let calls = 0;
    renderApp({
      session: async () => {
        calls++;
        if (calls === 2) throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'down');
        return sessionResponse({ inbox: TEAM_CHOICE_INBOX });
      },
    });
    await flush();
    act(() => buttons()[0]!.click());
    await flush();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('暂时无法选择，请稍后重试');
    expect(buttons()).toHaveLength(2);
    expect(buttons()[0]!.disabled).toBe(false);
    expect(container.querySelector('.composer')).toBeNull();
  });

  it('is not asked when the snippet names the team, which every session then carries', async () => {
    const sessions: WidgetSessionBody[] = [];
    renderApp(
      {
        session: async (body) => {
          sessions.push(body);
          return sessionResponse({ inbox: TEAM_CHOICE_INBOX });
        },
      },
      'zh-CN',
      AFTER_SALES,
    );
    await flush();
    expect(buttons()).toEqual([]);
    expect(container.querySelector('.composer')).not.toBeNull();
    expect(sessions.map((body) => body.teamId)).toEqual([AFTER_SALES]);
  });

  it('is not asked again once the customer has a conversation', async () => {
    renderApp({
      session: async () =>
        sessionResponse({
          inbox: TEAM_CHOICE_INBOX,
          conversation: { id: CONVERSATION_ID, status: 'open', lastSeq: 0, agentLastReadSeq: 0 },
        }),
    });
    await flush();
    expect(buttons()).toEqual([]);
    expect(container.querySelector('.composer')).not.toBeNull();
  });
});

describe('the queue, live', () => {
  const waiting = (position: number, estimatedWaitSeconds: number): QueueStatusView => ({
    conversationId: CONVERSATION_ID,
    status: 'waiting',
    position,
    estimatedWaitSeconds,
    agentName: null,
  });

  async function chatting() {
    renderApp({
      session: async () =>
        sessionResponse({ conversation: { id: CONVERSATION_ID, status: 'open', lastSeq: 0, agentLastReadSeq: 0 } }),
    });
    await flush();
    act(() => FakeSocket.last.accept());
    await flush();
    return FakeSocket.last;
  }

  it('shows the position and estimated wait as they change, then who took the chat', async () => {
    const socket = await chatting();
    expect(banner()).toBeNull();
    act(() => socket.receive({ type: 'queue', queue: waiting(3, 170) }));
    expect(banner()?.dataset.position).toBe('3');
    expect(banner()?.textContent).toContain('正在排队，您排在第 3 位 · 预计等待约 3 分钟');
    act(() => socket.receive({ type: 'queue', queue: waiting(1, 40) }));
    expect(banner()?.textContent).toContain('正在排队，您排在第 1 位 · 马上就轮到您了');
    // Another conversation's place is none of this customer's business.
    act(() => socket.receive({ type: 'queue', queue: { ...waiting(7, 400), conversationId: 'another' } }));
    expect(banner()?.dataset.position).toBe('1');

    act(() =>
      socket.receive({
        type: 'queue',
        queue: { ...waiting(1, 0), status: 'assigned', position: null, estimatedWaitSeconds: null, agentName: '张敏' },
      }),
    );
    expect(banner()?.textContent).toBe('客服 张敏 已接入，正在为您服务');
    act(() =>
      socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 2, message: agentMessage(2, '您好') }),
    );
    expect(banner()).toBeNull();
  });

  it('lets the customer leave the queue', async () => {
    const socket = await chatting();
    act(() => socket.receive({ type: 'queue', queue: waiting(2, 120) }));
    const leave = banner()?.querySelector('button') as HTMLButtonElement;
    expect(leave.textContent).toBe('退出排队');
    act(() => leave.click());
    expect(socket.framesOfType('leave')).toEqual([{ type: 'leave', conversationId: CONVERSATION_ID }]);
    expect(banner()).toBeNull();
  });
});

describe('outside business hours', () => {
  it('offers the leave-a-message form and says when the team is back', async () => {
    const nextOpenAt = '2025-12-01T01:00:00.000Z';
    renderApp({ session: async () => sessionResponse({ inbox: { ...INBOX, open: false, nextOpenAt } }) });
    await flush();
    const time = new Intl.DateTimeFormat('zh-CN', {
      month: 'short',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(nextOpenAt));
    expect(container.querySelector('.offline-message')?.textContent).toBe(
      `现在是非工作时间，我们将于 ${time} 恢复服务。您可以先留言，上班后我们会尽快回复您。`,
    );
    expect(container.querySelector('.offline form')).not.toBeNull();
    expect(container.querySelector('.composer')).toBeNull();
    expect(container.querySelector('.conn')?.textContent).toContain('非工作时间');
  });

  it('says so without a time when none is scheduled, in the customer’s language', async () => {
    renderApp({ session: async () => sessionResponse({ inbox: { ...INBOX, open: false, nextOpenAt: null } }) }, 'en');
    await flush();
    expect(container.querySelector('.offline-message')?.textContent).toBe(
      'We are closed now. Leave us a message and we will reply as soon as we are back.',
    );
  });

  it('lets the customer chat when the answer bot takes conversations meanwhile', async () => {
    renderApp({ session: async () => sessionResponse({ inbox: { ...INBOX, open: false, botAvailable: true } }) });
    await flush();
    expect(container.querySelector('.offline form')).toBeNull();
    expect(container.querySelector('.composer')).not.toBeNull();
  });
});

describe('routing notices in the timeline', () => {
  it('tell the customer they were transferred, in their language', () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    const toAgent = { code: 'routing.transferred', params: { fromName: '张敏', toName: '陈静' } };
    const toTeam = { code: 'routing.transferred', params: { fromName: '张敏', teamName: '售后' } };
    expect(activityText(toAgent, '会话已由 张敏 转接给 陈静', zh)).toBe('已为您转接给客服 陈静');
    expect(activityText(toTeam, '…', zh)).toBe('已为您转接至「售后」');
    expect(activityText(toTeam, '…', en)).toBe('You have been transferred to 售后');
    expect(activityText({ code: 'routing.transferred', params: { fromName: null } }, '…', zh)).toBe(
      '已为您转接给其他客服',
    );
    expect(activityText({ code: 'routing.participant_joined', params: { name: '李晓', by: '张敏' } }, '…', zh)).toBe(
      '客服 李晓 加入了会话',
    );
  });
});
