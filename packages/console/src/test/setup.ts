import '../i18n/i18n';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { setCsrfToken } from '../api/client';
import { i18n } from '../i18n/i18n';
import { FakeWebSocket } from './fakeWebSocket';

// A page renders Ant Design in jsdom in a few hundred milliseconds, longer while other test files run in parallel.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks matchMedia, which Ant Design's responsive layout (Sider breakpoints, Grid) needs.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// jsdom also lacks ResizeObserver, which Ant Design's tables and overflow menus observe.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal('ResizeObserver', ResizeObserverStub);
// The signed-in layout opens the agent socket on every page: never let it reach a real server from a test.
vi.stubGlobal('WebSocket', FakeWebSocket);

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  setCsrfToken(null);
  vi.unstubAllGlobals();
  vi.stubGlobal('ResizeObserver', ResizeObserverStub);
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
