import type { InboxView, WidgetSettings } from '@kefu/shared';
import { apiRequest } from './client';

/** Mirror `createInboxBody` / `updateInboxBody`: settings are merged into what the inbox has. */
export interface CreateInboxBody {
  name: string;
  settings?: Partial<WidgetSettings>;
}
export type UpdateInboxBody = Partial<CreateInboxBody>;

export const inboxesKey = ['inboxes'] as const;

export function listInboxes(): Promise<{ items: InboxView[] }> {
  return apiRequest('/api/inboxes');
}

export function createInbox(body: CreateInboxBody): Promise<InboxView> {
  return apiRequest('/api/inboxes', { method: 'POST', body });
}

export function updateInbox(id: string, body: UpdateInboxBody): Promise<InboxView> {
  return apiRequest(`/api/inboxes/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
