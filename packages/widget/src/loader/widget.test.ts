import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from './config';
import { TitleBlinker } from './titleBlink';
import { mountWidget, type WidgetHandle } from './widget';

const KEFU = 'https://kefu.example.com';

function mount(): { widget: WidgetHandle; iframe: HTMLIFrameElement; button: HTMLButtonElement; badge: HTMLElement } {
  const widget = mountWidget(
    {
      websiteToken: 'site-token-123',
      baseUrl: KEFU,
      locale: 'zh-CN',
      identifier: 'user-42',
      identifierHash: 'a'.repeat(64),
      team: null,
      agent: null,
    },
    window,
    { pageUrl: 'https://shop.example.com/p/1', referrer: 'https://search.example.com/', languages: ['zh-CN'] },
  );
  const root = document.querySelector('[data-kefu-widget]')?.shadowRoot;
  if (!root) throw new Error('widget not mounted');
  const iframe = root.querySelector('iframe') as HTMLIFrameElement;
  // jsdom gives no window to an iframe inside a shadow root (browsers do): lend it the window of a plain iframe.
  const stand = document.createElement('iframe');
  document.body.append(stand);
  Object.defineProperty(iframe, 'contentWindow', { get: () => stand.contentWindow });
  return {
    widget,
    iframe,
    button: root.querySelector('button') as HTMLButtonElement,
    badge: root.querySelector('.n') as HTMLElement,
  };
}

function fromApp(data: unknown, origin: string, source: MessageEventSource | null) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

let widget: WidgetHandle | null = null;
beforeEach(() => {
  vi.useFakeTimers();
  document.title = 'Shop';
});
afterEach(() => {
  widget?.destroy();
  widget = null;
  vi.useRealTimers();
});

describe('loader', () => {
  it('reads its script tag and builds the iframe URL', () => {
    const script = document.createElement('script');
    script.src = 'https://kefu.example.com/widget/loader.js';
    script.setAttribute('data-website-token', 'site-token-123');
    script.setAttribute('data-locale', 'en');
    script.setAttribute('data-team', 'sales');
    script.setAttribute('data-agent', 'agent-7');
    expect(readConfig(script, 'https://shop.example.com/')).toEqual({
      websiteToken: 'site-token-123',
      baseUrl: KEFU,
      locale: 'en',
      identifier: null,
      identifierHash: null,
      team: 'sales',
      agent: 'agent-7',
    });
    script.setAttribute('data-base-url', 'https://support.example.com/kefu/');
    expect(readConfig(script, 'https://shop.example.com/')?.baseUrl).toBe('https://support.example.com/kefu');
    script.setAttribute('data-base-url', 'javascript:alert(1)');
    expect(readConfig(script, 'https://shop.example.com/')?.baseUrl).toBe(KEFU);
    script.removeAttribute('data-website-token');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readConfig(script, 'https://shop.example.com/')).toBeNull();

    const mounted = mount();
    widget = mounted.widget;
    const src = new URL(mounted.iframe.src);
    expect(`${src.origin}${src.pathname}`).toBe(`${KEFU}/widget/app.html`);
    expect(Object.fromEntries(src.searchParams)).toEqual({
      websiteToken: 'site-token-123',
      locale: 'zh-CN',
      parentUrl: 'https://shop.example.com/p/1',
      referrer: 'https://search.example.com/',
    });
    // Identity goes by postMessage, not in the URL.
    expect(mounted.iframe.src).not.toContain('user-42');
  });

  it('accepts messages only from the iframe origin and the iframe window', () => {
    const mounted = mount();
    widget = mounted.widget;
    const app = mounted.iframe.contentWindow;
    expect(app).not.toBeNull();

    fromApp({ kefu: 1, type: 'message' }, 'https://evil.example.com', app);
    fromApp({ kefu: 1, type: 'message' }, KEFU, window);
    fromApp({ kefu: 1, type: 'message' }, KEFU, null);
    fromApp({ kefu: 1, type: 'message', html: '<img src=x onerror=alert(1)>' }, KEFU, app);
    fromApp({ kefu: 2, type: 'message' }, KEFU, app);
    fromApp('{"kefu":1,"type":"message"}', KEFU, app);
    fromApp(
      { kefu: 1, type: 'settings', color: 'red;background:url(//evil)', position: 'left', locale: 'en' },
      KEFU,
      app,
    );
    expect(widget.unread).toBe(0);
    expect(mounted.badge.hidden).toBe(true);
    expect(mounted.button.parentElement?.getAttribute('style') ?? '').not.toContain('evil');

    fromApp({ kefu: 1, type: 'message' }, KEFU, app);
    expect(widget.unread).toBe(1);
    expect(mounted.badge.hidden).toBe(false);
    expect(mounted.badge.textContent).toBe('1');
    expect(mounted.button.getAttribute('aria-label')).toContain('1');
  });

  it('answers hello with init (identity) posted to the iframe origin only', () => {
    const mounted = mount();
    widget = mounted.widget;
    const app = mounted.iframe.contentWindow as Window;
    const post = vi.spyOn(app, 'postMessage').mockImplementation(() => {});
    fromApp({ kefu: 1, type: 'hello' }, 'https://evil.example.com', app);
    expect(post).not.toHaveBeenCalled();
    fromApp({ kefu: 1, type: 'hello' }, KEFU, app);
    expect(post).toHaveBeenCalledWith(
      {
        kefu: 1,
        type: 'init',
        open: false,
        identifier: 'user-42',
        identifierHash: 'a'.repeat(64),
        team: null,
        agent: null,
      },
      KEFU,
    );
  });

  it('applies settings from the app: colour and side', () => {
    const mounted = mount();
    widget = mounted.widget;
    fromApp(
      { kefu: 1, type: 'settings', color: '#ff0000', position: 'left', locale: 'en' },
      KEFU,
      mounted.iframe.contentWindow,
    );
    const wrap = mounted.button.parentElement as HTMLElement;
    expect(wrap.style.getPropertyValue('--c')).toBe('#ff0000');
    expect(wrap.classList.contains('l')).toBe(true);
  });

  it('blinks the page title while there are unread messages and the panel is closed, then restores it', () => {
    const mounted = mount();
    widget = mounted.widget;
    const app = mounted.iframe.contentWindow;
    vi.spyOn(app as Window, 'postMessage').mockImplementation(() => {});
    fromApp({ kefu: 1, type: 'message' }, KEFU, app);
    fromApp({ kefu: 1, type: 'message' }, KEFU, app);
    expect(mounted.badge.textContent).toBe('2');
    expect(document.title).toBe('【新消息】Shop');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('Shop');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('【新消息】Shop');

    mounted.button.click(); // open: the messages are seen
    expect(widget.isOpen).toBe(true);
    expect(widget.unread).toBe(0);
    expect(mounted.badge.hidden).toBe(true);
    expect(document.title).toBe('Shop');
    vi.advanceTimersByTime(5000);
    expect(document.title).toBe('Shop');

    // While open and visible, new messages are not unread.
    fromApp({ kefu: 1, type: 'message' }, KEFU, app);
    expect(widget.unread).toBe(0);

    // The app's close button (or Esc inside the iframe) closes the panel.
    fromApp({ kefu: 1, type: 'close' }, KEFU, app);
    expect(widget.isOpen).toBe(false);
  });

  it('tells the app when the panel opens and closes, and Esc closes it', () => {
    const mounted = mount();
    widget = mounted.widget;
    const post = vi.spyOn(mounted.iframe.contentWindow as Window, 'postMessage').mockImplementation(() => {});
    mounted.button.click();
    expect(post).toHaveBeenLastCalledWith({ kefu: 1, type: 'visibility', open: true }, KEFU);
    expect(mounted.button.getAttribute('aria-expanded')).toBe('true');
    mounted.button.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(widget.isOpen).toBe(false);
    expect(post).toHaveBeenLastCalledWith({ kefu: 1, type: 'visibility', open: false }, KEFU);
  });
});

describe('TitleBlinker', () => {
  it('keeps a title the page sets while blinking and restores that one', () => {
    const blinker = new TitleBlinker(document, '【新消息】', 1000);
    blinker.start();
    expect(document.title).toBe('【新消息】Shop');
    document.title = 'Cart (2)';
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('【新消息】Cart (2)');
    blinker.stop();
    expect(document.title).toBe('Cart (2)');
    expect(blinker.running).toBe(false);
  });
});
