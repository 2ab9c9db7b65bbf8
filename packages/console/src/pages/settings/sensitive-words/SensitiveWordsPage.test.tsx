import type { SensitiveWordView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../../test/fakeApi';
import { sessionFor } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

const word = (id: string, text: string, action: SensitiveWordView['action'] = null): SensitiveWordView => ({
  id,
  word: text,
  category: '引流',
  action,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

function wordsApi(words: SensitiveWordView[]) {
  let defaultAction = 'warn';
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('admin') },
    'GET /api/moderation/words': () => ({ body: { items: words, nextCursor: null, total: words.length } }),
    'GET /api/moderation/settings': () => ({ body: { defaultAction } }),
    'PATCH /api/moderation/settings': (request) => {
      defaultAction = (request.body as { defaultAction: string }).defaultAction;
      return { body: { defaultAction } };
    },
    'POST /api/moderation/words': (request) => {
      const body = request.body as SensitiveWordView;
      if (body.word.replace(/\s/g, '') === '微信') {
        return apiError(409, 'CONFLICT', [{ field: 'body.word', issue: 'is already in the list' }]);
      }
      const created = word(`word-${words.length + 1}`, body.word, body.action);
      words.unshift(created);
      return { status: 201, body: created };
    },
    'POST /api/moderation/words/import': (request) => {
      const { text } = request.body as { text: string };
      if (text.includes('maybe')) {
        return apiError(400, 'VALIDATION_FAILED', [
          { field: 'body.text', issue: 'line 2: unknown action "maybe" (block/拦截 or warn/提醒)' },
        ]);
      }
      return { body: { added: 2, duplicates: 1 } };
    },
    'POST /api/moderation/check': () => ({
      body: { matches: [{ word: '退款', category: '', action: 'block', start: 2, end: 5 }] },
    }),
  });
}

describe('SensitiveWordsPage', () => {
  it('lists the words with their action and adds one, naming a duplicate at the field', async () => {
    const api = wordsApi([word('word-1', '微信', 'block')]);
    renderApp('/settings/sensitive-words');
    const table = await screen.findByRole('table', { name: '敏感词列表' });
    expect(await within(table).findByText('微信')).toBeTruthy();
    expect(within(table).getByText('禁止发送')).toBeTruthy();
    expect(screen.getByTestId('word-total').textContent).toBe('共 1 个');

    fireEvent.click(screen.getByTestId('create-word'));
    const dialog = await screen.findByRole('dialog', { name: '添加敏感词' });
    fireEvent.change(within(dialog).getByLabelText('敏感词'), { target: { value: '微 信' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('列表中已有匹配相同文字的敏感词')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('敏感词'), { target: { value: '返现' } });
    fireEvent.change(within(dialog).getByLabelText('分类'), { target: { value: '营销' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '添加敏感词' })).toBeNull());
    expect(api.find('POST /api/moderation/words').at(-1)?.body).toEqual({
      word: '返现',
      category: '营销',
      action: null,
    });
  });

  it('imports a pasted list, showing the bad lines first and importing nothing until they are fixed', async () => {
    const api = wordsApi([]);
    renderApp('/settings/sensitive-words');
    fireEvent.click(await screen.findByTestId('import-words'));
    const dialog = await screen.findByRole('dialog', { name: '批量导入敏感词' });
    const text = within(dialog).getByLabelText('敏感词列表');
    fireEvent.change(text, { target: { value: '好评返现,营销\n刷单,营销,maybe' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '导入' }));
    const problems = await within(dialog).findByTestId('import-problems');
    expect(problems.textContent).toContain('line 2');

    fireEvent.change(text, { target: { value: '好评返现,营销\n刷单,营销,拦截\n好评返现' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '导入' }));
    expect(await screen.findByText('已导入 2 个词，跳过 1 个重复词')).toBeTruthy();
    expect(api.find('POST /api/moderation/words/import').at(-1)?.body).toEqual({
      text: '好评返现,营销\n刷单,营销,拦截\n好评返现',
      category: '',
      action: null,
    });
  });

  it('changes the default action and checks a sample text, marking what matched', async () => {
    const api = wordsApi([]);
    renderApp('/settings/sensitive-words');
    const defaults = await screen.findByTestId('default-action');
    await waitFor(() => expect(within(defaults).getByLabelText(/^提醒/)).toHaveProperty('checked', true));
    fireEvent.click(within(defaults).getByLabelText(/^拦截/));
    await waitFor(() => expect(api.find('PATCH /api/moderation/settings')).toHaveLength(1));
    expect(api.find('PATCH /api/moderation/settings')[0]?.body).toEqual({ defaultAction: 'block' });

    fireEvent.change(screen.getByLabelText('检测一段文字'), { target: { value: '我要退-款' } });
    fireEvent.click(screen.getByRole('button', { name: '检测' }));
    const result = await screen.findByTestId('check-result');
    expect(result.querySelector('mark')?.textContent).toBe('退-款');
    expect(within(result).getByText('退款 · 禁止发送')).toBeTruthy();
  });
});
