import type { ApiTokenView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fakeApi';
import { sessionFor } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

const created: ApiTokenView = {
  id: 'token-1',
  name: 'CRM sync',
  prefix: 'kefu_ab12',
  lastUsedAt: null,
  expiresAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('ApiTokensPage', () => {
  it('creates a token that never expires and shows its secret only until the dialog closes', async () => {
    const tokens: ApiTokenView[] = [];
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('agent') },
      'GET /api/api-tokens': () => ({ body: { items: tokens } }),
      'POST /api/api-tokens': () => {
        tokens.push(created);
        return { status: 201, body: { token: created, secret: 'kefu_ab12-very-secret' } };
      },
    });
    renderApp('/settings/api-tokens');

    fireEvent.click(await screen.findByTestId('create-api-token'));
    const dialog = await screen.findByRole('dialog', { name: '创建 API 令牌' });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: 'CRM sync' } });
    fireEvent.mouseDown(within(dialog).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('永不过期'));
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));

    const secretDialog = await screen.findByRole('dialog', { name: '令牌已创建' });
    expect(within(secretDialog).getByTestId('api-token-secret').textContent).toContain('kefu_ab12-very-secret');
    expect(within(secretDialog).getByText(/关闭后将无法再次查看/)).toBeTruthy();
    expect(api.find('POST /api/api-tokens')[0]?.body).toEqual({ name: 'CRM sync', expiresInDays: null });

    // The footer button; the corner "×" carries the same name.
    const closeButton = within(secretDialog).getAllByRole('button', { name: '关闭' }).at(-1);
    fireEvent.click(closeButton as HTMLElement);
    await waitFor(() => expect(screen.queryByTestId('api-token-secret')).toBeNull());
    const table = screen.getByRole('table', { name: 'API 令牌列表' });
    expect(await within(table).findByText('CRM sync')).toBeTruthy();
    expect(within(table).getByText('永不过期')).toBeTruthy();
    expect(screen.queryByText('kefu_ab12-very-secret')).toBeNull();
  });
});
