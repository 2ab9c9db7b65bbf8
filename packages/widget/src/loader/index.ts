import { readConfig } from './config';
import { mountWidget, type WidgetHandle } from './widget';

declare global {
  interface Window {
    /** Lets the host page open or close the chat from its own buttons. */
    KefuWidget?: Pick<WidgetHandle, 'open' | 'close' | 'toggle'>;
  }
}

const script = (document.currentScript ??
  document.querySelector('script[data-website-token]')) as HTMLScriptElement | null;

function start(): void {
  if (window.KefuWidget) return; // the snippet was pasted twice
  const config = readConfig(script, location.href);
  if (!config) return;
  const widget = mountWidget(config, window, {
    pageUrl: location.href,
    referrer: document.referrer,
    languages: navigator.languages ?? [navigator.language],
  });
  window.KefuWidget = { open: widget.open, close: widget.close, toggle: widget.toggle };
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
