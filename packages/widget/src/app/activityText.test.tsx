import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakes';
import { activityText } from './activityText';
import { translator } from './i18n';
import { MessageRow } from './ui/MessageList';

const XSS = '<img src=x onerror=alert(1)>';
const assigned = { code: 'assigned', params: { by: '主管', assigneeName: '小李' } };

describe('activity lines in the widget', () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    render(null, container);
    container.remove();
  });

  it('are worded for the customer in their language, from the code and params', () => {
    expect(activityText(assigned, '主管 将会话分配给 小李', translator('zh-CN'))).toBe('客服 小李 为您服务');
    expect(activityText(assigned, '主管 将会话分配给 小李', translator('zh-TW'))).toBe('客服 小李 為您服務');
    expect(activityText(assigned, '主管 将会话分配给 小李', translator('en'))).toBe('小李 is now helping you');
    const resolved = { code: 'status.resolved', params: { by: '主管' } };
    expect(activityText(resolved, '主管 结束了会话', translator('en'))).toBe(
      'The conversation has ended; write again any time',
    );
  });

  it('keep the stored text for an unknown code, a missing parameter or no activity at all', () => {
    const t = translator('en');
    expect(activityText({ code: 'routing.queued', params: {} }, '排队中', t)).toBe('排队中');
    expect(activityText({ code: 'assigned', params: { by: '主管' } }, '主管 分配了会话', t)).toBe('主管 分配了会话');
    expect(activityText({ code: 'assigned', params: { assigneeName: { nested: true } } }, '原文', t)).toBe('原文');
    expect(activityText(null, '原文', t)).toBe('原文');
  });

  it('are rendered translated, and as text: a name with markup stays text', () => {
    act(() => {
      render(
        <ul>
          <MessageRow
            row={{
              key: 'a',
              own: false,
              activity: true,
              activityDetail: { code: 'assigned', params: { assigneeName: XSS } },
              senderName: null,
              content: '原文',
              attachments: [],
              createdAt: null,
            }}
            api={fakeApi()}
            t={translator('en')}
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
    expect(container.querySelector('li.activity')?.textContent).toBe(`${XSS} is now helping you`);
    expect(container.querySelector('img')).toBeNull();
  });
});
