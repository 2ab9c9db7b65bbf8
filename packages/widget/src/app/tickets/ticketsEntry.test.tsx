import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSocket, FakeSocket, fakeApi, mapStore, sessionResponse } from '../../test/fakes';
import { ChatController } from '../chat/controller';
import { App } from '../ui/App';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  FakeSocket.reset();
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.unstubAllGlobals();
});

async function settle() {
  await act(async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('我的工单 in the chat header', () => {
  it('opens the tickets view with the chat’s visitor token, and goes back to the chat', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const controller = new ChatController({
      websiteToken: 'site-token-123',
      store: mapStore(),
      api: fakeApi({ session: async () => sessionResponse({ visitorToken: 'visitor-token-7' }) }),
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
    // The button appears once the chat has its session.
    await vi.waitFor(async () => {
      await settle();
      expect(container.querySelector('[data-testid=widget-open-tickets]')).not.toBeNull();
    });
    const open = container.querySelector('[data-testid=widget-open-tickets]') as HTMLButtonElement;
    expect(open.getAttribute('aria-label')).toBe('我的工单');
    await act(async () => open.click());
    // The view's code loads, then it reads the list.
    await vi.waitFor(
      async () => {
        await settle();
        expect(container.querySelector('[data-testid=widget-tickets]')?.textContent).toContain('您还没有提交过工单');
      },
      { timeout: 10_000 },
    );
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new URL(url).pathname).toBe('/api/widget/tickets');
    expect((init.headers as Record<string, string>)['X-Kefu-Visitor']).toBe('visitor-token-7');
    // The header button hides while the view is open; 返回对话 brings the chat back.
    expect(container.querySelector('[data-testid=widget-open-tickets]')).toBeNull();
    const back = [...container.querySelectorAll('button')].find((b) => b.textContent?.includes('返回对话'));
    await act(async () => back?.click());
    expect(container.querySelector('[data-testid=widget-tickets]')).toBeNull();
    expect(container.querySelector('.composer')).not.toBeNull();
  });
});
