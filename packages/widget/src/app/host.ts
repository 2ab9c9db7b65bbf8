import { type AppToHost, type HostToApp, parseHostToApp } from '../bridge';

export interface HostLink {
  /** Whether the app runs inside the loader's iframe (else it is opened on its own, e.g. for a test). */
  readonly embedded: boolean;
  post(message: AppToHost): void;
  dispose(): void;
}

/** The app's side of the bridge: talks only to `window.parent`, and only at the host page's origin. */
export function connectToHost(win: Window, parentOrigin: string | null, onMessage: (m: HostToApp) => void): HostLink {
  const embedded = win.parent !== win && parentOrigin !== null;
  const listener = (event: MessageEvent) => {
    if (!embedded || event.source !== win.parent || event.origin !== parentOrigin) return;
    const message = parseHostToApp(event.data);
    if (message) onMessage(message);
  };
  win.addEventListener('message', listener);
  return {
    embedded,
    post(message) {
      if (embedded && parentOrigin) win.parent.postMessage(message, parentOrigin);
    },
    dispose: () => win.removeEventListener('message', listener),
  };
}

export function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
