import type { PresenceStatus } from '@kefu/shared';

/** One colour per status wherever an agent is shown: green takes chats, red is busy, gold is on a break. */
export const PRESENCE_COLORS: Record<PresenceStatus, string> = {
  online: '#52c41a',
  busy: '#ff4d4f',
  away: '#faad14',
  offline: '#bfbfbf',
};
