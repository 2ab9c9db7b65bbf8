import type {
  BotRangeQuery,
  BotStatsResponse,
  BotTryResponse,
  KnowledgeSearchHitView,
  LearnAsNewEntryBody,
  LearningListResponse,
} from '@kefu/shared';
import { apiRequest } from './client';

export const botKey = ['bot'] as const;
export const botStatsKey = (range: BotRangeQuery) => ['bot', 'stats', range] as const;
export const learningListKey = (range: BotRangeQuery) => ['bot', 'learning', range] as const;

export interface Learned {
  learned: number;
  entryId: string | null;
}

const rangeQuery = (range: BotRangeQuery) => ({ from: range.from, to: range.to, inboxId: range.inboxId });

export function getBotStats(range: BotRangeQuery): Promise<BotStatsResponse> {
  return apiRequest('/api/bot/stats', { query: rangeQuery(range) });
}

export function getLearningList(range: BotRangeQuery): Promise<LearningListResponse> {
  return apiRequest('/api/bot/learning', { query: rangeQuery(range) });
}

export function learnAsSimilar(turnIds: string[], entryId: string): Promise<Learned> {
  return apiRequest('/api/bot/learning/similar', { method: 'POST', body: { turnIds, entryId } });
}

export function learnAsNewEntry(body: Omit<LearnAsNewEntryBody, 'categoryId'>): Promise<Learned> {
  return apiRequest('/api/bot/learning/new-entry', { method: 'POST', body });
}

export function dismissLearning(turnIds: string[]): Promise<Learned> {
  return apiRequest('/api/bot/learning/dismiss', { method: 'POST', body: { turnIds } });
}

export function tryBot(inboxId: string, question: string): Promise<BotTryResponse> {
  return apiRequest('/api/bot/try', { method: 'POST', body: { inboxId, question } });
}

/** Knowledge entries matching words, for choosing the entry a missed question is taught to. */
export function findKnowledgeEntries(q: string): Promise<{ items: KnowledgeSearchHitView[] }> {
  return apiRequest('/api/knowledge/search', { query: { q, limit: 10 } });
}
