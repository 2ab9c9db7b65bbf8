import { type AppToHost, type BridgeLocale, type HostToApp, parseAppToHost } from '../bridge';
import type { LoaderConfig } from './config';
import { TitleBlinker } from './titleBlink';

const TEXT: Record<BridgeLocale, [open: string, close: string, title: string, unread: string, blink: string]> = {
  'zh-CN': ['打开在线客服', '关闭在线客服', '在线客服', '条未读消息', '【新消息】'],
  'zh-TW': ['開啟線上客服', '關閉線上客服', '線上客服', '則未讀訊息', '【新訊息】'],
  en: ['Open chat', 'Close chat', 'Chat', 'unread', '[New message] '],
};

export function browserLocale(languages: readonly string[]): BridgeLocale | null {
  for (const raw of languages) {
    const lang = raw.toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(lang)) return 'zh-TW';
    if (lang.startsWith('zh')) return 'zh-CN';
    if (lang.startsWith('en')) return 'en';
  }
  return null;
}

const ICON_CHAT =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.5 6.1L5 21l4.1-2.3c.9.2 1.9.3 2.9.3 5.5 0 10-3.6 10-8s-4.5-8-10-8z"/></svg>';
const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z" transform="translate(1 0)"/></svg>';

const STYLE = `
:host{all:initial}
.b{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;margin:0;
background:var(--c,#1677ff);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;
align-items:center;justify-content:center;z-index:2147483001;transition:transform .15s}
.b:hover{transform:scale(1.06)}
.b:focus-visible{outline:3px solid #000;outline-offset:3px;box-shadow:0 0 0 6px #fff}
.n{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;
border-radius:10px;background:#f5222d;color:#fff;font:bold 12px/20px system-ui,sans-serif;text-align:center}
.n[hidden]{display:none}
.p{position:fixed;bottom:88px;right:20px;width:380px;height:600px;max-height:calc(100vh - 108px);
border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.25);background:#fff;z-index:2147483000;
display:none}
.l .b{right:auto;left:20px}.l .p{right:auto;left:20px}
.o .p{display:block}
iframe{border:0;width:100%;height:100%;display:block;color-scheme:normal}
@media (max-width:639px){.p,.l .p{inset:0;width:100%;height:100%;max-height:none;border-radius:0}.o .b{display:none}}
@media (prefers-reduced-motion:reduce){.b{transition:none}}
`;

export interface WidgetHandle {
  open(): void;
  close(): void;
  toggle(): void;
  destroy(): void;
  readonly isOpen: boolean;
  readonly unread: number;
}

export interface MountOptions {
  /** The host page's URL (sent to the app for the conversation's context). */
  pageUrl: string;
  referrer: string;
  languages: readonly string[];
}

/** Adds the bubble and the (hidden) chat panel to the page and wires them to the chat app in the iframe. */
export function mountWidget(config: LoaderConfig, win: Window, options: MountOptions): WidgetHandle {
  const doc = win.document;
  let locale = config.locale ?? browserLocale(options.languages) ?? 'zh-CN';
  let isOpen = false;
  let unread = 0;

  const host = doc.createElement('div');
  host.setAttribute('data-kefu-widget', '');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const wrap = doc.createElement('div');
  const panel = doc.createElement('div');
  panel.className = 'p';
  panel.id = 'kefu-panel';
  const iframe = doc.createElement('iframe');
  const appUrl = new URL(`${config.baseUrl}/widget/app.html`);
  const params = appUrl.searchParams;
  params.set('websiteToken', config.websiteToken);
  if (config.locale) params.set('locale', config.locale);
  params.set('parentUrl', options.pageUrl.slice(0, 1000));
  if (options.referrer) params.set('referrer', options.referrer.slice(0, 1000));
  iframe.src = appUrl.href;
  const appOrigin = appUrl.origin;
  panel.append(iframe);
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'b';
  button.setAttribute('aria-controls', panel.id);
  const icon = doc.createElement('span');
  icon.style.display = 'flex';
  const badge = doc.createElement('span');
  badge.className = 'n';
  badge.setAttribute('aria-hidden', 'true');
  button.append(icon, badge);
  wrap.append(panel, button);
  root.append(style, wrap);

  const blinker = new TitleBlinker(doc, TEXT[locale][4]);
  const seen = () => isOpen && doc.visibilityState !== 'hidden';

  const post = (message: HostToApp) => iframe.contentWindow?.postMessage(message, appOrigin);

  function render(): void {
    const [openLabel, closeLabel, title, unreadLabel] = TEXT[locale];
    wrap.className = `${isOpen ? 'o' : ''}${wrap.classList.contains('l') ? ' l' : ''}`;
    icon.innerHTML = isOpen ? ICON_CLOSE : ICON_CHAT;
    iframe.title = title;
    button.setAttribute('aria-expanded', String(isOpen));
    button.setAttribute(
      'aria-label',
      `${isOpen ? closeLabel : openLabel}${unread > 0 ? ` (${unread} ${unreadLabel})` : ''}`,
    );
    badge.hidden = unread === 0;
    badge.textContent = unread > 99 ? '99+' : String(unread);
    blinker.prefix = TEXT[locale][4];
    if (unread > 0 && !seen()) blinker.start();
    else blinker.stop();
  }

  function markSeen(): void {
    if (seen()) unread = 0;
    render();
  }

  function setOpen(open: boolean): void {
    if (open === isOpen) return;
    isOpen = open;
    post({ kefu: 1, type: 'visibility', open });
    markSeen();
    if (open) iframe.focus();
    else if (doc.activeElement === host) button.focus();
  }

  function onMessage(event: MessageEvent): void {
    if (event.origin !== appOrigin || !event.source || event.source !== iframe.contentWindow) return;
    const message: AppToHost | null = parseAppToHost(event.data);
    if (!message) return;
    switch (message.type) {
      case 'hello':
        post({
          kefu: 1,
          type: 'init',
          open: isOpen,
          identifier: config.identifier,
          identifierHash: config.identifierHash,
          team: config.team,
          agent: config.agent,
        });
        break;
      case 'settings':
        wrap.style.setProperty('--c', message.color);
        wrap.classList.toggle('l', message.position === 'left');
        if (!config.locale) locale = message.locale;
        render();
        break;
      case 'message':
        if (!seen()) unread++;
        render();
        break;
      case 'close':
        setOpen(false);
        button.focus();
        break;
    }
  }

  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && isOpen && doc.activeElement === host) {
      setOpen(false);
      button.focus();
    }
  }

  button.addEventListener('click', () => setOpen(!isOpen));
  win.addEventListener('message', onMessage);
  doc.addEventListener('keydown', onKey);
  doc.addEventListener('visibilitychange', markSeen);
  render();
  doc.body.append(host);

  return {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!isOpen),
    destroy() {
      win.removeEventListener('message', onMessage);
      doc.removeEventListener('keydown', onKey);
      doc.removeEventListener('visibilitychange', markSeen);
      blinker.stop();
      host.remove();
    },
    get isOpen() {
      return isOpen;
    },
    get unread() {
      return unread;
    },
  };
}
