import { widgetSettings } from '@kefu/shared';
import type { SocketLike } from '@kefu/shared/realtime-client';
import type { WidgetApi } from '../app/api';
import type { BotPayload, MessageView, ServerFrame, WidgetSessionResponse } from '../app/protocol';
import type { KeyValueStore } from '../app/storage';

/** A WebSocket stand-in: the test plays the server (`open`, `receive`, `drop`) and reads what the client sent. */
export class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  static reset(): void {
    FakeSocket.instances = [];
  }

  static get last(): FakeSocket {
    const socket = FakeSocket.instances[FakeSocket.instances.length - 1];
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  /** Server side: accept the connection and say `ready`. */
  accept(heartbeatMs = 20_000): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
    this.receive({ type: 'ready', protocol: 1, heartbeatMs });
  }

  receive(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }

  /** Server side (or network): the socket closes with `code`. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  frames(): Record<string, unknown>[] {
    return this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
  }

  framesOfType(type: string): Record<string, unknown>[] {
    return this.frames().filter((f) => f.type === type);
  }
}

export const createFakeSocket = (url: string) => new FakeSocket(url);

export function mapStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    remove: (key) => void map.delete(key),
  };
}

/** What the widget session says about the inbox; every setting not named here has the schema's default. */
export const SETTINGS: WidgetSessionResponse['inbox']['settings'] = widgetSettings.omit({ routing: true }).parse({
  welcomeMessage: '您好，欢迎咨询！',
  offlineMessage: '客服暂时不在线',
  preChatForm: { enabled: false, fields: ['name', 'phone'] },
  color: '#1677ff',
  locale: 'zh-CN',
  position: 'right',
});

export const INBOX: WidgetSessionResponse['inbox'] = {
  name: '官网客服',
  settings: SETTINGS,
  agentsOnline: true,
  open: true,
  nextOpenAt: null,
  botAvailable: false,
};

export const CONVERSATION_ID = '0b6f2f0e-6a55-4f37-9a0a-6a2a1c1e9b01';

export function sessionResponse(overrides: Partial<WidgetSessionResponse> = {}): WidgetSessionResponse {
  return {
    visitorToken: 'visitor-token-1',
    contact: { id: 'contact-1', name: '访客 1', verified: false },
    inbox: INBOX,
    conversation: null,
    ...overrides,
  };
}

export function agentMessage(seq: number, content: string, conversationId = CONVERSATION_ID): MessageView {
  return {
    id: `m-${conversationId}-${seq}`,
    conversationId,
    seq,
    kind: 'outgoing',
    sender: { type: 'user', id: 'agent-1', name: '小王' },
    content,
    attachments: [],
    clientId: null,
    activity: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
  };
}

/** A message of the answer bot, with its structured part. */
export function botMessage(seq: number, content: string, payload: BotPayload | null): MessageView {
  return {
    ...agentMessage(seq, content),
    sender: { type: 'bot', id: null, name: '智能客服小助手' },
    payload,
  };
}

export function fakeApi(overrides: Partial<WidgetApi> = {}): WidgetApi {
  return {
    session: async () => sessionResponse(),
    history: async () => ({ items: [], hasMore: false }),
    upload: async (file) => ({
      id: '7d9f5c0e-0000-4000-8000-000000000001',
      fileName: file.name,
      contentType: file.type,
      size: file.size,
      url: '/api/widget/attachments/1',
      isImage: false,
    }),
    leaveMessage: async () => {},
    prechat: async () => {},
    download: async () => new Blob(['x']),
    rateBotAnswer: async () => {},
    ...overrides,
  };
}
