import type { AgentDirectoryResponse } from '@kefu/shared';
import { apiRequest } from './client';

export const agentDirectoryKey = ['agents'] as const;

/** Colleagues to assign or transfer to (no emails; any agent may read it). */
export function listAgents(signal?: AbortSignal): Promise<AgentDirectoryResponse> {
  return apiRequest('/api/agents', { signal });
}
