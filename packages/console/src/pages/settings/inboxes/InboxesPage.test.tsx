import { type InboxView, routingSettings, teamChoiceSettings } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fakeApi';
import { sessionFor } from '../../../test/fixtures';
import { inboxView } from '../../../test/inboxFixtures';
import { renderApp } from '../../../test/renderApp';

function inboxesApi(role: 'admin' | 'agent', inboxes: InboxView[]) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/inboxes': () => ({ body: { items: inboxes } }),
    'POST /api/inboxes': (request) => {
      const body = request.body as { name: string; settings: InboxView['settings'] };
      const created = inboxView({
        id: '01900000-0000-7000-8000-00000000fff1',
        name: body.name,
        settings: body.settings,
        websiteToken: 'tok_new_inbox_0001',
        hmacSecret: 'f'.repeat(64),
        snippet: '<script src="/widget/loader.js" data-website-token="tok_new_inbox_0001" async></script>',
      });
      inboxes.push(created);
      return { status: 201, body: created };
    },
  });
}

describe('InboxesPage', () => {
  it('shows an admin the snippet ready to copy, the token, the HMAC secret and a demo link', async () => {
    const inbox = inboxView({ hmacSecret: 'a1'.repeat(32) });
    inboxesApi('admin', [inbox]);
    renderApp('/settings/inboxes');
    const table = await screen.findByRole('table', { name: '接入渠道列表' });
    expect(await within(table).findByText('官网')).toBeTruthy();

    fireEvent.click(within(table).getByTestId(`install-${inbox.id}`));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByTestId('inbox-snippet').textContent).toContain(inbox.snippet);
    expect(within(drawer).getByTestId('inbox-website-token').textContent).toContain(inbox.websiteToken);
    expect(within(drawer).getByTestId('inbox-hmac-secret').textContent).toContain('a1a1');
    expect(within(drawer).getByText(/HMAC-SHA256\(secret, userId\)/)).toBeTruthy();
    const tryIt = within(drawer).getByRole('link', { name: /试一试/ });
    expect(tryIt.getAttribute('href')).toBe(`/demo?websiteToken=${inbox.websiteToken}`);
  });

  it('shows an agent the snippet but neither the secret nor a way to edit', async () => {
    const inbox = inboxView({ hmacSecret: null });
    inboxesApi('agent', [inbox]);
    renderApp('/settings/inboxes');
    const table = await screen.findByRole('table', { name: '接入渠道列表' });
    await within(table).findByText('官网');
    expect(screen.queryByTestId('create-inbox')).toBeNull();
    expect(within(table).queryByTestId(`edit-${inbox.id}`)).toBeNull();
    fireEvent.click(within(table).getByTestId(`install-${inbox.id}`));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByTestId('inbox-snippet')).toBeTruthy();
    expect(within(drawer).queryByTestId('inbox-hmac-secret')).toBeNull();
  });

  it('creates a web widget with its settings and then shows how to install it', async () => {
    const api = inboxesApi('admin', []);
    renderApp('/settings/inboxes');
    fireEvent.click(await screen.findByTestId('create-inbox'));
    const dialog = await screen.findByRole('dialog', { name: '新建网页挂件' });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '商城' } });
    fireEvent.change(within(dialog).getByLabelText('欢迎语'), { target: { value: '欢迎光临！' } });
    fireEvent.click(within(dialog).getByLabelText('咨询前表单'));
    fireEvent.click(within(dialog).getByLabelText('左下角'));
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));

    await waitFor(() => expect(api.find('POST /api/inboxes')).toHaveLength(1));
    expect(api.find('POST /api/inboxes')[0]?.body).toEqual({
      name: '商城',
      settings: {
        welcomeMessage: '欢迎光临！',
        offlineMessage: '客服暂时不在线，请留下您的联系方式和问题，我们会尽快回复。',
        businessHours: {
          calendarId: null,
          autoReply: '您好，现在是非工作时间，客服上班后会第一时间回复您。您也可以留下联系方式和问题。',
        },
        preChatForm: { enabled: true, fields: ['name', 'phone'] },
        color: '#1677ff',
        locale: 'zh-CN',
        position: 'left',
        teamChoice: teamChoiceSettings.parse({}),
        routing: routingSettings.parse({}),
      },
    });
    expect((await screen.findByTestId('inbox-snippet')).textContent).toContain('tok_new_inbox_0001');
  });
});
