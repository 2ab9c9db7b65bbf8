import { describe, expect, it, vi } from 'vitest';
import { connectToHost, originOf } from './host';

function fakeWindow() {
  const parent = { postMessage: vi.fn() };
  let listener: ((event: MessageEvent) => void) | null = null;
  const win = {
    parent,
    addEventListener: (_: string, l: (event: MessageEvent) => void) => {
      listener = l;
    },
    removeEventListener: vi.fn(),
  };
  const deliver = (data: unknown, origin: string, source: unknown) =>
    listener?.({ data, origin, source } as unknown as MessageEvent);
  return { win: win as unknown as Window, parent, deliver };
}

describe('the app side of the bridge', () => {
  it('takes messages only from its parent at the host page origin, in the expected shape', () => {
    const { win, parent, deliver } = fakeWindow();
    const received: unknown[] = [];
    const host = connectToHost(win, 'https://shop.example.com', (m) => received.push(m));
    expect(host.embedded).toBe(true);
    const visibility = { kefu: 1, type: 'visibility', open: true };
    deliver(visibility, 'https://evil.example.com', parent);
    deliver(visibility, 'https://shop.example.com', {});
    deliver({ ...visibility, extra: 1 }, 'https://shop.example.com', parent);
    expect(received).toEqual([]);
    deliver(visibility, 'https://shop.example.com', parent);
    expect(received).toEqual([visibility]);

    host.post({ kefu: 1, type: 'message' });
    expect(parent.postMessage).toHaveBeenCalledWith({ kefu: 1, type: 'message' }, 'https://shop.example.com');
  });

  it('posts nothing without a known parent origin', () => {
    const { win, parent } = fakeWindow();
    const host = connectToHost(win, originOf('javascript:alert(1)'), () => {});
    expect(host.embedded).toBe(false);
    host.post({ kefu: 1, type: 'hello' });
    expect(parent.postMessage).not.toHaveBeenCalled();
  });
});
