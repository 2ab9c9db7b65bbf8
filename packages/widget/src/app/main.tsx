import { render } from 'preact';
import { createApi } from './api';
import { ChatController } from './chat/controller';
import { connectToHost, originOf } from './host';
import { resolveLocale } from './i18n';
import { browserStore } from './storage';
import { App } from './ui/App';
import './app.css';

const HOST_INIT_TIMEOUT_MS = 3000;
/** A team or agent id as the server takes it (a UUID); anything else in the snippet would fail the session. */
const TEAM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const params = new URLSearchParams(location.search);
const websiteToken = params.get('websiteToken') ?? '';
const parentUrl = params.get('parentUrl');
const referrer = params.get('referrer');
const preferredLocale = resolveLocale(params.get('locale'), navigator.languages ?? [navigator.language]);

let identity: { identifier?: string; identifierHash?: string } = {};
let panelOpen = false;
const openListeners = new Set<() => void>();

const store = browserStore(websiteToken);
const api = createApi(
  location.origin,
  () => store.get('token'),
  (input, init) => fetch(input, init),
);
const socketBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/widget`;

const host = connectToHost(window, originOf(parentUrl), (message) => {
  if (message.type === 'init') {
    // Identity is passed only when it looks like what the server accepts; a bad hash would fail the session.
    identity =
      message.identifier && message.identifierHash && /^[0-9a-f]{64}$/.test(message.identifierHash)
        ? { identifier: message.identifier.slice(0, 200), identifierHash: message.identifierHash }
        : {};
    // `data-team` on the snippet names the team (指定技能组): routing's first rule, and no choice to ask.
    if (message.team && TEAM_ID.test(message.team)) controller.designateTeam(message.team);
    // `data-agent` names the agent (指定客服): routing tries them first when they can take the chat.
    if (message.agent && TEAM_ID.test(message.agent)) controller.designateAgent(message.agent);
    begin();
  }
  setPanelOpen(message.open);
});

const controller = new ChatController({
  websiteToken,
  store,
  api,
  createSocket: (url) => new WebSocket(url),
  socketUrl: (token) => `${socketBase}?v=1&token=${encodeURIComponent(token)}`,
  sessionBody: () => ({
    ...identity,
    ...(preferredLocale ? { locale: preferredLocale } : {}),
    ...(parentUrl ? { pageUrl: parentUrl.slice(0, 2000) } : {}),
    ...(referrer ? { referrer: referrer.slice(0, 2000) } : {}),
  }),
  onSession(session) {
    const { color, position, locale } = session.inbox.settings;
    host.post({ kefu: 1, type: 'settings', color, position, locale: preferredLocale ?? locale });
  },
  onUnseenAgentMessage: () => host.post({ kefu: 1, type: 'message' }),
});

function visible(): boolean {
  return panelOpen && document.visibilityState !== 'hidden';
}

function setPanelOpen(open: boolean): void {
  const opened = open && !panelOpen;
  panelOpen = open;
  controller.setVisible(visible());
  if (opened) for (const listener of openListeners) listener();
}

let begun = false;
function begin(): void {
  if (begun) return;
  begun = true;
  void controller.start();
}

document.addEventListener('visibilitychange', () => {
  controller.setVisible(visible());
  if (document.visibilityState === 'visible') controller.reconnect();
});
window.addEventListener('online', () => controller.reconnect());

if (!websiteToken) {
  document.body.textContent = 'Missing websiteToken';
} else {
  render(
    <App
      controller={controller}
      preferredLocale={preferredLocale}
      embedded={host.embedded}
      onClose={() => host.post({ kefu: 1, type: 'close' })}
      onPanelOpen={(listener) => {
        openListeners.add(listener);
        return () => openListeners.delete(listener);
      }}
    />,
    document.getElementById('app') as HTMLElement,
  );
  if (host.embedded) {
    host.post({ kefu: 1, type: 'hello' });
    setTimeout(begin, HOST_INIT_TIMEOUT_MS); // the loader did not answer: start without identity
  } else {
    setPanelOpen(true);
    begin();
  }
}
