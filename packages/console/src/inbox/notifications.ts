import { useCallback, useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import type { InboxNotice } from '../realtime/inboxRealtime';

type AudioContextClass = typeof AudioContext;
let audio: AudioContext | null = null;
let lastBeep = 0;

function audioContextClass(): AudioContextClass | undefined {
  const w = window as typeof window & { webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext;
}

/** Browsers start audio only after a user gesture; call this from one (the notification button). */
export function unlockAudio(): void {
  const Context = audioContextClass();
  if (!Context) return;
  try {
    audio ??= new Context();
    void audio.resume();
  } catch {
    audio = null;
  }
}

/** A short two-tone chime made with WebAudio (no sound file to load). At most one per second. */
export function playBeep(): void {
  const Context = audioContextClass();
  if (!Context || Date.now() - lastBeep < 1000) return;
  lastBeep = Date.now();
  try {
    audio ??= new Context();
    const ctx = audio;
    const start = ctx.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
  } catch {
    // No audio device, or the browser refused: the desktop notification and the title still tell.
  }
}

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * What to do with a notice from the socket: only when the tab is hidden, a desktop notification (if the agent
 * allowed them) and a chime. Clicking the notification focuses the tab and opens the conversation.
 */
export function useInboxNotifier(): (notice: InboxNotice) => void {
  const navigate = useNavigate();
  return useCallback(
    (notice: InboxNotice) => {
      if (document.visibilityState !== 'hidden') return;
      playBeep();
      if (notificationPermission() !== 'granted') return;
      try {
        const notification = new Notification(notice.title || 'Kefu', {
          body: notice.body.slice(0, 140),
          // One notification per conversation: a newer one replaces it.
          tag: `kefu-${notice.conversationId}`,
        });
        notification.onclick = () => {
          window.focus();
          navigate(`/inbox/${encodeURIComponent(notice.conversationId)}`);
          notification.close();
        };
      } catch {
        // Some browsers allow notifications only from a service worker; the chime and the title remain.
      }
    },
    [navigate],
  );
}

/** Sets the tab title while mounted, e.g. "(3) 会话 - Kefu", and restores the previous one after. */
export function useDocumentTitle(title: string): void {
  // Declared first so it reads the title before the next effect changes it.
  useEffect(() => {
    const previous = document.title;
    return () => {
      document.title = previous;
    };
  }, []);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
