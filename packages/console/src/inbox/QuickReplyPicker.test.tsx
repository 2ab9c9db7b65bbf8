import type { AttachmentView, QuickReplyView } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, inboxView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';
import { findQuickReplyTrigger } from './quickReplyTrigger';

const inbox = inboxView({ id: testId(9101), name: '官网商城' });
const wang = conversationView({
  id: testId(9201),
  inboxId: inbox.id,
  contact: { id: testId(9301), name: '王小明', email: null, phone: '138****1234', verified: false },
});

function quickReply(overrides: Partial<QuickReplyView> & Pick<QuickReplyView, 'title' | 'keys'>): QuickReplyView {
  return {
    id: testId(),
    scope: 'workspace',
    teamId: null,
    ownerId: null,
    categoryId: null,
    content: overrides.title,
    picture: null,
    useCount: 0,
    myUseCount: 0,
    editable: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const refundPolicy = quickReply({
  title: '退款政策',
  content: '{{contact.name}} 您好，{{agent.name}} 为您服务：七天无理由退货。',
  keys: { titlePinyin: 'tuikuanzhengce', titleInitials: 'tkzc', contentInitials: 'nhwnfwqtwlyth' },
});
const refundArrival = quickReply({
  title: '退款到账',
  content: '原路退回，1-3 个工作日到账。',
  keys: { titlePinyin: 'tuikuandaozhang', titleInitials: 'tkdz', contentInitials: 'ylth' },
  myUseCount: 5,
});
const allVariables = quickReply({
  title: '核对信息',
  content: '{{contact.name}}/{{contact.phone}}/{{conversation.id}}/{{inbox.name}}/{{date.today}}/{{agent.name}}',
  keys: { titlePinyin: 'heduixinxi', titleInitials: 'hdxx', contentInitials: '' },
});
const qrCode = quickReply({
  title: '关注公众号',
  content: '扫码关注我们的公众号。',
  keys: { titlePinyin: 'guanzhugongzhonghao', titleInitials: 'gzgzh', contentInitials: 'smgzwmdgzh' },
  picture: { fileName: '二维码.png', contentType: 'image/png', size: 120, url: '/api/quick-replies/x/picture?v=1' },
});
const freshCopy: AttachmentView = {
  id: testId(9401),
  fileName: '二维码.png',
  contentType: 'image/png',
  size: 120,
  url: `/api/attachments/${testId(9401)}/signature-signature`,
  isImage: true,
};

function pickerApi() {
  const replies = [refundPolicy, refundArrival, allVariables, qrCode];
  const handlers: Parameters<typeof fakeApi>[0] = {
    'GET /api/auth/session': { body: sessionFor('agent', { name: '客服小李' }) },
    'GET /api/conversations': { body: { items: [wang], nextCursor: null, counts: { mine: 0, unassigned: 1, all: 1 } } },
    [`GET /api/conversations/${wang.id}`]: { body: wang },
    [`GET /api/conversations/${wang.id}/messages`]: { body: { items: [], hasMore: false } },
    [`GET /api/contacts/${wang.contact.id}/conversations`]: { body: { items: [wang] } },
    'GET /api/inboxes': { body: { items: [inbox] } },
    'GET /api/account': {
      body: { id: sessionFor('agent').account.id, name: 'Acme', locale: 'zh-CN', timezone: 'Asia/Shanghai' },
    },
    'GET /api/quick-replies': { body: { items: replies } },
  };
  for (const reply of replies) {
    handlers[`POST /api/quick-replies/${reply.id}/use`] = {
      body: { attachment: reply.picture ? freshCopy : null },
    };
  }
  return fakeApi(handlers);
}

async function openComposer() {
  const api = pickerApi();
  renderApp(`/inbox/${wang.id}`);
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const socket = FakeWebSocket.last();
  act(() => socket.accept());
  const input = (await screen.findByTestId('composer-input')) as HTMLTextAreaElement;
  act(() => input.focus());
  return { api, socket, input };
}

/** Types the whole text at once, with the caret at its end, as the browser leaves it. */
function type(input: HTMLTextAreaElement, text: string) {
  fireEvent.change(input, { target: { value: text } });
  input.setSelectionRange(text.length, text.length);
  fireEvent.keyUp(input, { key: text.at(-1) ?? '' });
}

function optionTitles(): string[] {
  const list = screen.getByRole('listbox', { name: '快捷回复' });
  return within(list)
    .getAllByRole('option')
    .map((option) => option.querySelector('strong')?.textContent ?? '');
}

function selectedTitle(): string | undefined {
  const list = screen.getByRole('listbox', { name: '快捷回复' });
  return (
    within(list)
      .getAllByRole('option')
      .find((option) => option.getAttribute('aria-selected') === 'true')
      ?.querySelector('strong')?.textContent ?? undefined
  );
}

beforeEach(() => {
  installFakeWebSocket();
});

describe('quick reply trigger', () => {
  it('opens on / at the start or after white space, up to the caret, and on the IME slashes 、 and ／', () => {
    expect(findQuickReplyTrigger('/tk', 3)).toEqual({ start: 0, end: 3, query: 'tk' });
    expect(findQuickReplyTrigger('您好 /tk', 6)).toEqual({ start: 3, end: 6, query: 'tk' });
    expect(findQuickReplyTrigger('第一行\n/', 5)).toEqual({ start: 4, end: 5, query: '' });
    expect(findQuickReplyTrigger('、tkzc', 5)).toEqual({ start: 0, end: 5, query: 'tkzc' });
    expect(findQuickReplyTrigger('好 ／tk', 5)).toEqual({ start: 2, end: 5, query: 'tk' });
    // Not inside a word or a link, not once a space ends the search, and only up to the caret.
    expect(findQuickReplyTrigger('http://example.com', 18)).toBeNull();
    expect(findQuickReplyTrigger('1/2', 3)).toBeNull();
    expect(findQuickReplyTrigger('/tk 好的', 6)).toBeNull();
    expect(findQuickReplyTrigger('/tkzc', 3)).toEqual({ start: 0, end: 3, query: 'tk' });
  });
});

describe('QuickReplyPicker in the composer', () => {
  it('finds a reply by its pinyin initials and inserts it with the variables filled in', async () => {
    const { api, socket, input } = await openComposer();
    type(input, '您好 /tkz');
    await waitFor(() => expect(optionTitles()).toEqual(['退款政策']));

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('您好 王小明 您好，客服小李 为您服务：七天无理由退货。');
    // Enter chose the reply; it did not send the message.
    expect(socket.framesOf('message.send')).toEqual([]);
    expect(screen.queryByRole('listbox', { name: '快捷回复' })).toBeNull();
    await waitFor(() => expect(api.find(`POST /api/quick-replies/${refundPolicy.id}/use`)).toHaveLength(1));

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(socket.framesOf('message.send')).toEqual([
      expect.objectContaining({ content: '您好 王小明 您好，客服小李 为您服务：七天无理由退货。', attachmentIds: [] }),
    ]);
  });

  it('fills every variable from the conversation: masked phone, inbox name, id and the workspace date', async () => {
    const { input } = await openComposer();
    type(input, '/hdxx');
    await waitFor(() => expect(optionTitles()).toEqual(['核对信息']));
    // Wait until the inbox and the workspace's time zone are known, as the preview shows.
    await waitFor(() => expect(screen.getByRole('option').textContent).toContain('官网商城'));
    fireEvent.keyDown(input, { key: 'Tab' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(input.value).toBe(`王小明/138****1234/${wang.id}/官网商城/${today}/客服小李`);
  });

  it('moves with ↑/↓, ranks the agent’s favourite first, and Esc closes it without inserting', async () => {
    const { socket, input } = await openComposer();
    type(input, '/tk');
    // 退款到账 was used five times by this agent: first among equally good matches.
    await waitFor(() => expect(optionTitles()).toEqual(['退款到账', '退款政策']));
    expect(selectedTitle()).toBe('退款到账');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(selectedTitle()).toBe('退款政策');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(selectedTitle()).toBe('退款到账');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(selectedTitle()).toBe('退款政策');

    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox', { name: '快捷回复' })).toBeNull();
    expect(input.value).toBe('/tk');
    // Closed, Enter sends what was typed.
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(socket.framesOf('message.send')).toEqual([expect.objectContaining({ content: '/tk' })]);
  });

  it('does not take Enter while the input method is composing', async () => {
    const { input } = await openComposer();
    type(input, '/tkzc');
    await waitFor(() => expect(optionTitles()).toEqual(['退款政策']));
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    expect(input.value).toBe('/tkzc');
  });

  it('says so when nothing matches, and then leaves Enter to sending', async () => {
    const { socket, input } = await openComposer();
    type(input, '/zzzz');
    expect(await screen.findByText('没有匹配的快捷回复')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(socket.framesOf('message.send')).toEqual([expect.objectContaining({ content: '/zzzz' })]);
  });

  it('a reply with a picture attaches a fresh copy, which the message then carries', async () => {
    const { api, socket, input } = await openComposer();
    type(input, '/gzgzh');
    await waitFor(() => expect(optionTitles()).toEqual(['关注公众号']));
    fireEvent.mouseDown(screen.getByRole('option'));
    expect(input.value).toBe('扫码关注我们的公众号。');
    const uploads = await screen.findByTestId('uploads');
    expect(within(uploads).getByText(/二维码\.png/)).toBeTruthy();
    expect(api.find(`POST /api/quick-replies/${qrCode.id}/use`)).toHaveLength(1);

    // Sending waits for the copy; once it is there, the message carries its id.
    await waitFor(() => expect(screen.getByTestId('send').hasAttribute('disabled')).toBe(false));
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(socket.framesOf('message.send')).toEqual([
      expect.objectContaining({ content: '扫码关注我们的公众号。', attachmentIds: [freshCopy.id] }),
    ]);
  });
});
