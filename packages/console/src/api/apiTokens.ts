import type { ApiTokenView } from '@kefu/shared';
import { apiRequest } from './client';

export const apiTokensKey = ['api-tokens'] as const;

export function listApiTokens(): Promise<{ items: ApiTokenView[] }> {
  return apiRequest('/api/api-tokens');
}

export function createApiToken(body: {
  name: string;
  expiresInDays: number | null;
}): Promise<{ token: ApiTokenView; secret: string }> {
  return apiRequest('/api/api-tokens', { method: 'POST', body });
}

export function revokeApiToken(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/api-tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
