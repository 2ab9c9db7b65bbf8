import type { CreateSlaPolicyBody, SlaPolicyView, UpdateSlaPolicyBody } from '@kefu/shared';
import { apiRequest } from './client';

export const slaPoliciesKey = ['sla-policies'] as const;

const policyPath = (id: string) => `/api/sla-policies/${encodeURIComponent(id)}`;

/** In the order they are tried: the first enabled policy whose conditions match a ticket applies. */
export function listSlaPolicies(): Promise<{ items: SlaPolicyView[] }> {
  return apiRequest('/api/sla-policies');
}

export function createSlaPolicy(body: CreateSlaPolicyBody): Promise<SlaPolicyView> {
  return apiRequest('/api/sla-policies', { method: 'POST', body });
}

export function updateSlaPolicy(id: string, body: UpdateSlaPolicyBody): Promise<SlaPolicyView> {
  return apiRequest(policyPath(id), { method: 'PATCH', body });
}

export function deleteSlaPolicy(id: string): Promise<{ ok: true }> {
  return apiRequest(policyPath(id), { method: 'DELETE' });
}
