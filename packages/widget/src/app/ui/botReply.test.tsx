import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  agentMessage,
  botMessage,
  CONVERSATION_ID,
  createFakeSocket,
  FakeSocket,
  fakeApi,
  INBOX,
  mapStore,
  sessionResponse,
} from '../../test/fakes';
import { ApiError, type WidgetApi } from '../api';
import { ChatController } from '../chat/controller';
import type { BotPayload, Locale, MessageView } from '../protocol';
import { App } from './App';
import { textBeforeChoices } from './BotReply';

const XSS = '<img src=x onerror=alert(1)>';
const REFUND = { entryId: 'e-refund', title: '退款多久到账？' };
const RETURN_FREIGHT = { entryId: 'e-freight', title: '退货运费谁承担？' };
const ANSWER: BotPayload = {
  kind: 'bot_answer',
  source: 'faq',
  entryId: REFUND.entryId,
  title: REFUND.title,
  citations: [REFUND],
  rateable: true,
};
const SUGGESTIONS: BotPayload = { kind: 'bot_suggestions', suggestions: [REFUND, RETURN_FREIGHT], rateable: false };
const MENU: BotPayload = {
  kind: 'bot_menu',
  prompt: '请回复数字选择您要咨询的问题：',
  items: [
    { key: '1', label: '查订单' },
    { key: '2', label: '退换货' },
    { key: '3', label: '人工客服' },
  ],
  rateable: false,
};
const UNKNOWN: BotPayload = { kind: 'bot_unknown', offerHandoff: true, handoffText: '转人工', rateable: false };

const customerMessage = (seq: number, content: string): MessageView => ({
  ...agentMessage(seq, content),
  kind: 'incoming',
  sender: { type: 'contact', id: 'contact-1', name: null },
});

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
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

/** The widget with a conversation whose history is `messages`, connected. */
async function renderChat(
  messages: MessageView[],
  options: { api?: Partial<WidgetApi>; locale?: Locale; store?: ReturnType<typeof mapStore> } = {},
) {
  const store = options.store ?? mapStore();
  const controller = new ChatController({
    websiteToken: 'site-token-123',
    store,
    api: fakeApi({
      session: async () =>
        sessionResponse({
          conversation: { id: CONVERSATION_ID, status: 'open', lastSeq: messages.length, agentLastReadSeq: 0 },
        }),
      history: async () => ({ items: messages, hasMore: false }),
      ...options.api,
    }),
    createSocket: createFakeSocket,
    socketUrl: (token) => `ws://kefu.test/ws/widget?v=1&token=${token}`,
    sessionBody: () => ({}),
  });
  void controller.start();
  act(() => {
    render(
      <App
        controller={controller}
        preferredLocale={options.locale ?? 'zh-CN'}
        embedded={true}
        onClose={() => {}}
        onPanelOpen={() => () => {}}
      />,
      container,
    );
  });
  await flush();
  act(() => FakeSocket.last.accept());
  return { controller, store };
}

const buttons = (selector: string) => [...container.querySelectorAll<HTMLButtonElement>(selector)];
const texts = (selector: string) => buttons(selector).map((b) => b.textContent);
const sent = () => FakeSocket.last.framesOfType('message.send').map((f) => f.content);
const bubbles = () =>
  [...container.querySelectorAll('.messages li.row:not(.welcome) .bubble')].map((b) => b.textContent);
const click = (button: HTMLButtonElement | undefined) => {
  if (!button) throw new Error('no such button');
  act(() => button.click());
};

describe('the bot’s choices', () => {
  it('shows "您是不是想问" as buttons; a click sends the title, and the choices then turn to text', async () => {
    const { controller } = await renderChat([
      customerMessage(1, '退货要多久'),
      botMessage(2, '您是不是想问：\n1. 退款多久到账？\n2. 退货运费谁承担？', SUGGESTIONS),
    ]);
    expect(bubbles()).toContain('您是不是想问：');
    expect(texts('.choices[aria-label="可选的问题"] .choice')).toEqual(['退款多久到账？', '退货运费谁承担？']);
    for (const button of buttons('.choice')) expect(button.type).toBe('button');

    click(buttons('.choice')[1]);
    expect(sent()).toEqual(['退货运费谁承担？']);
    // Sent once: the buttons are gone while the pick is on its way, and the full text stays in the history.
    expect(buttons('.choice')).toHaveLength(0);
    expect(bubbles()).toContain('您是不是想问：\n1. 退款多久到账？\n2. 退货运费谁承担？');
    expect(controller.getState().outbox.map((i) => i.content)).toEqual(['退货运费谁承担？']);
  });

  it('shows the guided menu as numbered buttons that send the item’s label', async () => {
    await renderChat([botMessage(1, '请回复数字选择您要咨询的问题：\n1. 查订单\n2. 退换货\n3. 人工客服', MENU)]);
    expect(bubbles()).toEqual(['请回复数字选择您要咨询的问题：']);
    expect(texts('.choices[aria-label="服务菜单"] .choice')).toEqual(['1. 查订单', '2. 退换货', '3. 人工客服']);
    click(buttons('.choice')[2]);
    expect(sent()).toEqual(['人工客服']);
  });

  it('offers a person when the bot does not know, in the customer’s language', async () => {
    await renderChat([customerMessage(1, 'xyz'), botMessage(2, '抱歉，我还没有学会回答这个问题。', UNKNOWN)], {
      locale: 'en',
    });
    expect(texts('.choice.handoff')).toEqual(['Talk to a person']);
    click(buttons('.choice.handoff')[0]);
    expect(sent()).toEqual(['转人工']);
  });

  it('keeps only the latest replies’ buttons: older choices are text once the customer wrote again', async () => {
    await renderChat([
      botMessage(1, '您是不是想问：\n1. 退款多久到账？\n2. 退货运费谁承担？', SUGGESTIONS),
      customerMessage(2, '都不是'),
      botMessage(3, '抱歉，我还没有学会回答这个问题。', UNKNOWN),
      botMessage(4, '请回复数字选择您要咨询的问题：\n1. 查订单\n2. 退换货\n3. 人工客服', MENU),
    ]);
    expect(texts('.choice')).toEqual(['转人工客服', '1. 查订单', '2. 退换货', '3. 人工客服']);
    expect(bubbles()[0]).toBe('您是不是想问：\n1. 退款多久到账？\n2. 退货运费谁承担？');
  });

  it('shows no buttons once a person has taken over', async () => {
    const handoff: BotPayload = { kind: 'bot_handoff', reason: 'customer_request', rateable: false };
    await renderChat([
      botMessage(1, '抱歉，我还没有学会回答这个问题。', UNKNOWN),
      customerMessage(2, '转人工'),
      botMessage(3, '好的，正在为您转接人工客服，请稍候。', handoff),
    ]);
    expect(buttons('.choice')).toHaveLength(0);
    await renderChat([botMessage(1, '请回复数字选择：\n1. 查订单', MENU), agentMessage(2, '您好，我是小王')]);
    expect(buttons('.choice')).toHaveLength(0);
  });

  it('renders titles, labels and answers as text, never as markup', async () => {
    const hostile: BotPayload = {
      kind: 'bot_suggestions',
      suggestions: [{ entryId: 'e-x', title: XSS }],
      rateable: false,
    };
    await renderChat([botMessage(1, `${XSS}\n1. ${XSS}`, hostile)]);
    expect(container.querySelector('.messages img')).toBeNull();
    expect(texts('.choice')).toEqual([XSS]);
    expect(bubbles()).toEqual([XSS]);
  });
});

describe('有用 / 没用 on the bot’s answers', () => {
  const history = () => [customerMessage(1, '退货要多久到账啊'), botMessage(2, '原路退回：1–3 个工作日', ANSWER)];

  it('sends the rating once, shows the choice and keeps it across visits; the other one changes it', async () => {
    const rateBotAnswer = vi.fn(async () => {});
    const { store } = await renderChat(history(), { api: { rateBotAnswer } });
    const [helpful, unhelpful] = buttons('.rate button');
    expect(container.querySelector('.rate')?.getAttribute('aria-label')).toBe('这个回答有帮助吗？');
    expect([helpful?.textContent, unhelpful?.textContent]).toEqual(['有用', '没用']);
    expect(helpful?.getAttribute('aria-pressed')).toBe('false');

    // A double click sends one rating: the buttons wait while it is on its way.
    act(() => {
      helpful?.click();
      helpful?.click();
    });
    expect(helpful?.disabled).toBe(true);
    await flush();
    expect(rateBotAnswer).toHaveBeenCalledTimes(1);
    expect(rateBotAnswer).toHaveBeenCalledWith('m-0b6f2f0e-6a55-4f37-9a0a-6a2a1c1e9b01-2', 'helpful');
    expect(helpful?.getAttribute('aria-pressed')).toBe('true');
    expect(unhelpful?.getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelector('.rate span')?.textContent).toBe('感谢您的反馈');

    // The same rating again sends nothing.
    click(helpful);
    await flush();
    expect(rateBotAnswer).toHaveBeenCalledTimes(1);

    // 没用 changes it, and offers a person.
    expect(buttons('.choice.handoff')).toHaveLength(0);
    click(unhelpful);
    await flush();
    expect(rateBotAnswer).toHaveBeenLastCalledWith('m-0b6f2f0e-6a55-4f37-9a0a-6a2a1c1e9b01-2', 'unhelpful');
    expect(buttons('.rate button[aria-pressed="true"]').map((b) => b.textContent)).toEqual(['没用']);
    expect(texts('.choice.handoff')).toEqual(['转人工客服']);

    // Another visit shows the rating given.
    render(null, container);
    await renderChat(history(), { api: { rateBotAnswer }, store });
    expect(buttons('.rate button[aria-pressed="true"]').map((b) => b.textContent)).toEqual(['没用']);
  });

  it('says so when the rating did not reach the server, and lets the customer try again', async () => {
    const rateBotAnswer = vi
      .fn<WidgetApi['rateBotAnswer']>()
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK', 'offline'))
      .mockResolvedValue(undefined);
    await renderChat(history(), { api: { rateBotAnswer }, locale: 'zh-TW' });
    click(buttons('.rate button')[1]);
    await flush();
    expect(container.querySelector('.notice')?.textContent).toContain('評價沒有送出成功，請稍後重試');
    expect(buttons('.rate button[aria-pressed="true"]')).toHaveLength(0);
    click(buttons('.rate button')[1]);
    await flush();
    expect(rateBotAnswer).toHaveBeenCalledTimes(2);
    expect(buttons('.rate button[aria-pressed="true"]').map((b) => b.textContent)).toEqual(['沒用']);
  });

  it('keeps the rating on older answers but shows none on messages that cannot be rated', async () => {
    await renderChat([
      botMessage(1, '原路退回：1–3 个工作日', ANSWER),
      customerMessage(2, '谢谢'),
      botMessage(3, '不客气，还有其他问题随时问我哦～', null),
    ]);
    expect(container.querySelectorAll('.rate')).toHaveLength(1);
    expect(container.querySelector('.rate')?.closest('li')?.textContent).toContain('原路退回');
  });
});

describe('the chat while the bot answers', () => {
  it('opens the chat instead of the leave-a-message form when nobody is online but the bot answers', async () => {
    const controller = new ChatController({
      websiteToken: 'site-token-123',
      store: mapStore(),
      api: fakeApi({
        session: async () => sessionResponse({ inbox: { ...INBOX, agentsOnline: false, botAvailable: true } }),
      }),
      createSocket: createFakeSocket,
      socketUrl: (token) => `ws://kefu.test/ws/widget?v=1&token=${token}`,
      sessionBody: () => ({}),
    });
    void controller.start();
    act(() => {
      render(
        <App
          controller={controller}
          preferredLocale="zh-CN"
          embedded
          onClose={() => {}}
          onPanelOpen={() => () => {}}
        />,
        container,
      );
    });
    await flush();
    expect(container.querySelector('.offline form')).toBeNull();
    expect(container.querySelector('.composer textarea')).not.toBeNull();
  });
});

describe('textBeforeChoices', () => {
  it('drops the numbered lines that repeat the buttons, and nothing else', () => {
    expect(textBeforeChoices('您是不是想问：\n1. 甲\n2. 乙', ['甲', '乙'])).toBe('您是不是想问：');
    expect(textBeforeChoices('第一行\n第二行\n1. 甲', ['甲'])).toBe('第一行\n第二行');
    // A text the server did not build this way is shown whole.
    expect(textBeforeChoices('您是不是想问：\n1. 丙\n2. 乙', ['甲', '乙'])).toBe('您是不是想问：\n1. 丙\n2. 乙');
    expect(textBeforeChoices('1. 甲', ['甲', '乙'])).toBe('1. 甲');
  });
});
