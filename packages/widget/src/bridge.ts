/**
 * The only messages the loader (on the host page) and the chat app (in the iframe) exchange, by `postMessage`.
 *
 * Every message is a flat object `{ kefu: 1, type, ...fields }` with exactly the fields listed below; anything
 * else is dropped. Both sides also check the sender: the loader accepts messages only from the iframe's origin
 * and `event.source === iframe.contentWindow`, the app only from `window.parent` at the host page's origin.
 * No message carries chat content: the loader counts new-message events itself and renders only that number.
 */
export const BRIDGE_VERSION = 1;

export type BridgeLocale = 'zh-CN' | 'zh-TW' | 'en';
export const BRIDGE_LOCALES: readonly BridgeLocale[] = ['zh-CN', 'zh-TW', 'en'];

/** Messages from the chat app to the loader. */
export type AppToHost =
  /** The app has started and asks for `init`. */
  | { kefu: 1; type: 'hello' }
  /** The inbox's look, once the session is known. */
  | { kefu: 1; type: 'settings'; color: string; position: 'left' | 'right'; locale: BridgeLocale }
  /** One new message from an agent arrived (the loader decides whether it is unread). */
  | { kefu: 1; type: 'message' }
  /** The visitor closed the chat from inside the app (close button or Esc). */
  | { kefu: 1; type: 'close' };

/** Messages from the loader to the chat app. */
export type HostToApp =
  | {
      kefu: 1;
      type: 'init';
      open: boolean;
      identifier: string | null;
      identifierHash: string | null;
      team: string | null;
      agent: string | null;
    }
  /** Whether the panel is shown (the app marks messages read only while it is). */
  | { kefu: 1; type: 'visibility'; open: boolean };

export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

type Fields = Record<string, (value: unknown) => boolean>;

const isBool = (v: unknown) => typeof v === 'boolean';
const isShortStringOrNull = (v: unknown) => v === null || (typeof v === 'string' && v.length <= 500);

const appToHostShapes: Record<AppToHost['type'], Fields> = {
  hello: {},
  settings: {
    color: (v) => typeof v === 'string' && COLOR_PATTERN.test(v),
    position: (v) => v === 'left' || v === 'right',
    locale: (v) => BRIDGE_LOCALES.includes(v as BridgeLocale),
  },
  message: {},
  close: {},
};

const hostToAppShapes: Record<HostToApp['type'], Fields> = {
  init: {
    open: isBool,
    identifier: isShortStringOrNull,
    identifierHash: isShortStringOrNull,
    team: isShortStringOrNull,
    agent: isShortStringOrNull,
  },
  visibility: { open: isBool },
};

function parse<T>(data: unknown, shapes: Record<string, Fields>): T | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const record = data as Record<string, unknown>;
  if (record.kefu !== BRIDGE_VERSION || typeof record.type !== 'string') return null;
  const fields = Object.hasOwn(shapes, record.type) ? shapes[record.type] : undefined;
  if (!fields) return null;
  const keys = Object.keys(record);
  if (keys.length !== Object.keys(fields).length + 2) return null;
  for (const key of keys) {
    if (key === 'kefu' || key === 'type') continue;
    const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!check?.(record[key])) return null;
  }
  return record as T;
}

/** Returns the message if it has exactly one of the shapes the app may send, else null. */
export function parseAppToHost(data: unknown): AppToHost | null {
  return parse<AppToHost>(data, appToHostShapes);
}

/** Returns the message if it has exactly one of the shapes the loader may send, else null. */
export function parseHostToApp(data: unknown): HostToApp | null {
  return parse<HostToApp>(data, hostToAppShapes);
}
