import type { AccountView } from '@kefu/shared';
import { apiRequest } from './client';

export const accountKey = ['account'] as const;

export type AccountChanges = Partial<Pick<AccountView, 'name' | 'locale' | 'timezone'>>;

export function fetchAccount(): Promise<AccountView> {
  return apiRequest('/api/account');
}

export function updateAccount(body: AccountChanges): Promise<AccountView> {
  return apiRequest('/api/account', { method: 'PATCH', body });
}
