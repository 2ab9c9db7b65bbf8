import {
  type ConversationView,
  type InboxView,
  inboxBotSettings,
  type MessageView,
  routingSettings,
  teamChoiceSettings,
} from '@kefu/shared';

let counter = 0;
/** A UUID-shaped id, unique per call, with a readable tail. */
export function testId(tail?: number): string {
  const n = tail ?? ++counter + 1000;
  return `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

export function conversationView(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: testId(),
    inboxId: testId(9001),
    status: 'open',
    contact: { id: testId(9002), name: '王小明', email: 'w***@example.com', phone: '138****1234', verified: false },
    assigneeId: null,
    teamId: null,
    labels: [],
    snoozedUntil: null,
    lastSeq: 1,
    lastMessage: { kind: 'incoming', preview: '你好', createdAt: '2025-01-01T08:00:00.000Z' },
    unreadCount: 0,
    waitingSince: null,
    contactLastReadSeq: 0,
    meta: {
      pageUrl: 'https://shop.example.com/cart',
      referrer: 'https://www.baidu.com/',
      browser: 'Chrome 130',
      os: 'Windows 11',
      ip: '203.0.113.7',
      location: '上海',
    },
    createdAt: '2025-01-01T08:00:00.000Z',
    updatedAt: '2025-01-01T08:00:00.000Z',
    lastActivityAt: '2025-01-01T08:00:00.000Z',
    ...overrides,
  };
}

export function messageView(overrides: Partial<MessageView> = {}): MessageView {
  const seq = overrides.seq ?? 1;
  return {
    id: testId(),
    conversationId: testId(9003),
    seq,
    kind: 'incoming',
    sender: { type: 'contact', id: testId(9002), name: '王小明' },
    content: `message ${seq}`,
    attachments: [],
    clientId: null,
    activity: null,
    createdAt: '2025-01-01T08:00:00.000Z',
    ...overrides,
  };
}

export function inboxView(overrides: Partial<InboxView> = {}): InboxView {
  return {
    id: testId(9004),
    name: '官网',
    channel: 'web_widget',
    websiteToken: 'tok_abcdefghijklmnop',
    hmacSecret: null,
    settings: {
      welcomeMessage: '您好，欢迎咨询！',
      offlineMessage: '客服暂时不在线',
      businessHours: { calendarId: null, autoReply: '已下班' },
      preChatForm: { enabled: false, fields: ['name', 'phone'] },
      color: '#1677ff',
      locale: 'zh-CN',
      position: 'right',
      teamChoice: teamChoiceSettings.parse({}),
      routing: routingSettings.parse({}),
      bot: inboxBotSettings.parse({}),
    },
    snippet:
      '<script src="https://kefu.example.com/widget/loader.js" data-website-token="tok_abcdefghijklmnop" async></script>',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
