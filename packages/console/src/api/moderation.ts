import type {
  MessageFlagView,
  ModerationSettingsView,
  SensitiveMatch,
  SensitiveWordAction,
  SensitiveWordView,
} from '@kefu/shared';
import { apiRequest } from './client';

export const sensitiveWordsKey = ['moderation', 'words'] as const;
export const moderationSettingsKey = ['moderation', 'settings'] as const;
export const messageFlagsKey = ['moderation', 'flags'] as const;
export const conversationFlagsKey = (conversationId: string) => ['moderation', 'flags', conversationId] as const;

export interface SensitiveWordPage {
  items: SensitiveWordView[];
  nextCursor: string | null;
  total: number;
}

export interface SensitiveWordFields {
  word: string;
  category: string;
  action: SensitiveWordAction | null;
}

export function listSensitiveWords(query: { q?: string; cursor?: string; limit?: number }): Promise<SensitiveWordPage> {
  return apiRequest('/api/moderation/words', { query });
}

export function createSensitiveWord(body: SensitiveWordFields): Promise<SensitiveWordView> {
  return apiRequest('/api/moderation/words', { method: 'POST', body });
}

export function updateSensitiveWord(id: string, body: Partial<SensitiveWordFields>): Promise<SensitiveWordView> {
  return apiRequest(`/api/moderation/words/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteSensitiveWord(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/moderation/words/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function importSensitiveWords(body: {
  text: string;
  category: string;
  action: SensitiveWordAction | null;
}): Promise<{ added: number; duplicates: number }> {
  return apiRequest('/api/moderation/words/import', { method: 'POST', body });
}

export function getModerationSettings(): Promise<ModerationSettingsView> {
  return apiRequest('/api/moderation/settings');
}

export function updateModerationSettings(body: ModerationSettingsView): Promise<ModerationSettingsView> {
  return apiRequest('/api/moderation/settings', { method: 'PATCH', body });
}

export function checkSensitiveText(text: string): Promise<{ matches: SensitiveMatch[] }> {
  return apiRequest('/api/moderation/check', { method: 'POST', body: { text } });
}

export function listConversationFlags(conversationId: string): Promise<{ items: MessageFlagView[] }> {
  return apiRequest('/api/moderation/flags', { query: { conversationId, limit: 200 } });
}
