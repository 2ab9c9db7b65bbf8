import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
import type { WidgetApi } from '../api';
import { ChatController } from '../chat/controller';
import { translator } from '../i18n';
import { App } from './App';
import { Composer } from './Composer';
import { splitLinks } from './linkify';
import { MessageRow } from './MessageList';

const XSS = '<img src=x onerror=alert(1)>';
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

function renderApp(api: Partial<WidgetApi>, locale: 'zh-CN' | 'en' | null = 'zh-CN') {
  const controller = new ChatController({
    websiteToken: 'site-token-123',
    store: mapStore(),
    api: fakeApi(api),
    createSocket: createFakeSocket,
    socketUrl: (token) => `ws://kefu.test/ws/widget?v=1&token=${token}`,
    sessionBody: () => ({}),
  });
  const onClose = vi.fn();
  void controller.start();
  act(() => {
    render(
      <App
        controller={controller}
        preferredLocale={locale}
        embedded={true}
        onClose={onClose}
        onPanelOpen={() => () => {}}
      />,
      container,
    );
  });
  return { controller, onClose };
}

describe('message rendering', () => {
  it('renders HTML an agent sends as text, never as elements', () => {
    act(() => {
      render(
        <ul>
          <MessageRow
            row={{ key: '1', own: false, senderName: XSS, content: XSS, attachments: [], createdAt: null }}
            api={fakeApi()}
            t={translator('zh-CN')}
            onOpenImage={() => {}}
            onMediaLoad={() => {}}
            onRetry={() => {}}
            onDiscard={() => {}}
            onSend={() => {}}
            onRate={() => {}}
          />
        </ul>,
        container,
      );
    });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.bubble')?.textContent).toBe(XSS);
    expect(container.querySelector('.sender')?.textContent).toBe(XSS);
  });

  it('links only http(s) URLs, with rel="noopener noreferrer" and a new tab', () => {
    const text = '见 https://example.com/a?b=1). 别点 javascript:alert(1) 或 data:text/html,x 谢谢http://a.cn/x，好';
    expect(splitLinks(text).filter((s) => s.href)).toEqual([
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: 'http://a.cn/x', href: 'http://a.cn/x' },
    ]);
    act(() => {
      render(
        <ul>
          <MessageRow
            row={{ key: '1', own: false, senderName: null, content: text, attachments: [], createdAt: null }}
            api={fakeApi()}
            t={translator('zh-CN')}
            onOpenImage={() => {}}
            onMediaLoad={() => {}}
            onRetry={() => {}}
            onDiscard={() => {}}
            onSend={() => {}}
            onRate={() => {}}
          />
        </ul>,
        container,
      );
    });
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1', 'http://a.cn/x']);
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
    expect(container.textContent).toBe(text);
  });
});

describe('App', () => {
  it('restores history (agent HTML as text), shows the welcome message first and per-message state', async () => {
    const own = {
      ...agentMessage(2, '我的问题'),
      kind: 'incoming' as const,
      sender: { type: 'contact' as const, id: 'contact-1', name: null },
    };
    renderApp({
      session: async () =>
        sessionResponse({ conversation: { id: CONVERSATION_ID, status: 'open', lastSeq: 3, agentLastReadSeq: 2 } }),
      history: async () => ({
        items: [agentMessage(1, XSS), own, { ...own, id: 'm3', seq: 3, content: '还在吗' }],
        hasMore: false,
      }),
    });
    await flush();
    const items = [...container.querySelectorAll('.messages li')];
    expect(items.map((li) => li.querySelector('.bubble')?.textContent)).toEqual([
      SETTINGS.welcomeMessage,
      XSS,
      '我的问题',
      '还在吗',
    ]);
    expect(container.querySelector('.messages img')).toBeNull();
    expect([...container.querySelectorAll('.status')].map((s) => s.textContent)).toEqual(['已读', '已发送']);
    expect(container.querySelector('h1')?.textContent).toBe('官网客服');
    expect(container.querySelector('.conn')?.textContent).toContain('连接中…');
    act(() => FakeSocket.last.accept());
    expect(container.querySelector('.conn')?.textContent).toContain('已连接');
    act(() => FakeSocket.last.drop());
    expect(container.querySelector('.conn')?.textContent).toContain('已断开，正在重连');
  });

  it('sends with Enter, keeps Shift+Enter for a new line, and shows the pending message', async () => {
    const { controller } = renderApp({});
    await flush();
    act(() => FakeSocket.last.accept());
    const box = container.querySelector('textarea') as HTMLTextAreaElement;
    act(() => {
      box.value = '第一行';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const shiftEnter = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true });
    act(() => void box.dispatchEvent(shiftEnter));
    expect(shiftEnter.defaultPrevented).toBe(false);
    expect(controller.getState().outbox).toHaveLength(0);
    act(() => void box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    expect(controller.getState().outbox.map((i) => i.content)).toEqual(['第一行']);
    expect(box.value).toBe('');
    expect(container.querySelector('.row.own.pending .status')?.textContent).toBe('发送中');
  });

  it('shows the server error next to the refused message', async () => {
    const { controller } = renderApp({}, 'en');
    await flush();
    act(() => FakeSocket.last.accept());
    act(() => void controller.send('x'.repeat(10)));
    const clientId = controller.getState().outbox[0]?.clientId as string;
    act(() => FakeSocket.last.receive({ type: 'error', code: 'MESSAGE_TOO_LONG', message: 'too long', ref: clientId }));
    expect(container.querySelector('.failed')?.textContent).toContain('Message too long (at most 5000 characters)');
  });

  it('offers the leave-a-message form when no agent is online', async () => {
    const leaveMessage = vi.fn(async () => {});
    renderApp({
      session: async () => sessionResponse({ inbox: { ...INBOX, name: 'Shop', agentsOnline: false } }),
      leaveMessage,
    });
    await flush();
    expect(container.textContent).toContain(SETTINGS.offlineMessage);
    const form = container.querySelector('form') as HTMLFormElement;
    const fill = (name: string, value: string) => {
      const input = form.querySelector(`[name="${name}"]`) as HTMLInputElement;
      act(() => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    };
    fill('name', '张三');
    fill('content', '想咨询价格');
    act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(leaveMessage).not.toHaveBeenCalled();
    expect(container.textContent).toContain('请留下手机号或邮箱');
    fill('phone', '13800138000');
    act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(leaveMessage).toHaveBeenCalledWith({ name: '张三', phone: '13800138000', content: '想咨询价格' });
    expect(container.querySelector('.success')?.textContent).toContain('留言已提交');
  });

  it('never turns what is typed in the leave-a-message form into a chat message', async () => {
    const leaveMessage = vi.fn(async () => {});
    const { controller } = renderApp({
      session: async () =>
        sessionResponse({
          inbox: { ...INBOX, name: 'Shop', agentsOnline: false },
          conversation: { id: CONVERSATION_ID, status: 'open', lastSeq: 0, agentLastReadSeq: 0 },
        }),
      leaveMessage,
    });
    await flush();
    act(() => FakeSocket.last.accept());
    const form = container.querySelector('.offline form') as HTMLFormElement;
    const type = (name: string, value: string) => {
      const field = form.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLTextAreaElement;
      act(() => {
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
      return field;
    };
    type('name', '张三');
    type('phone', '13800138000');
    const text = type('content', '请明天上午回电');
    // Enter in the message box is a new line there, not "send" as in the chat's composer.
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    act(() => void text.dispatchEvent(enter));
    expect(enter.defaultPrevented).toBe(false);
    expect(leaveMessage).not.toHaveBeenCalled();

    // Submitted, it is posted as a leave-a-message (the server adds 【留言】), never queued as a chat message.
    act(() => form.requestSubmit());
    await flush();
    expect(leaveMessage).toHaveBeenCalledWith({ name: '张三', phone: '13800138000', content: '请明天上午回电' });
    expect(controller.getState().outbox).toEqual([]);
    expect(FakeSocket.last.framesOfType('message.send')).toEqual([]);

    // Opening the conversation's history shows an empty composer: nothing carried over from the form.
    const history = [...container.querySelectorAll('button')].find((b) => b.textContent === '查看对话记录');
    act(() => history?.click());
    expect((container.querySelector('.composer textarea') as HTMLTextAreaElement).value).toBe('');
    expect(controller.getState().outbox).toEqual([]);
  });

  it('asks the pre-chat form before the first message when enabled', async () => {
    const prechat = vi.fn(async () => {});
    const settings = { ...SETTINGS, preChatForm: { enabled: true, fields: ['name' as const, 'email' as const] } };
    renderApp({
      session: async () => sessionResponse({ inbox: { ...INBOX, name: 'Shop', settings } }),
      prechat,
    });
    await flush();
    expect(container.querySelector('.composer')).toBeNull();
    const form = container.querySelector('form') as HTMLFormElement;
    for (const [name, value] of [
      ['name', '李四'],
      ['email', 'li@example.com'],
    ]) {
      const input = form.querySelector(`[name="${name}"]`) as HTMLInputElement;
      act(() => {
        input.value = value as string;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    act(() => void form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(prechat).toHaveBeenCalledWith({ name: '李四', email: 'li@example.com' });
    expect(container.querySelector('.composer')).not.toBeNull();
  });

  it('Esc inside the app asks the loader to close the panel', async () => {
    const { onClose } = renderApp({});
    await flush();
    act(() => void document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('Composer', () => {
  it('does not send while an IME composition is confirmed with Enter', () => {
    const onSend = vi.fn(() => true);
    act(() => {
      render(
        <Composer
          t={translator('zh-CN')}
          disabled={false}
          uploading={false}
          focusToken={0}
          onSend={onSend}
          onFiles={() => {}}
          onInput={() => {}}
        />,
        container,
      );
    });
    const box = container.querySelector('textarea') as HTMLTextAreaElement;
    act(() => {
      box.value = 'nihao';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => void box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true })));
    expect(onSend).not.toHaveBeenCalled();
    act(() => void box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(onSend).toHaveBeenCalledWith('nihao');
  });
});
