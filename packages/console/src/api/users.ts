import type { CreateUserBody, InviteUserBody, Role, UserView } from '@kefu/shared';
import { apiRequest } from './client';

export const usersKey = ['users'] as const;

export type UserStatus = UserView['status'];

export interface UserFilters {
  q?: string;
  role?: Role;
  status?: UserStatus;
}

export function usersListKey(filters: UserFilters = {}) {
  return [...usersKey, filters] as const;
}

export function listUsers(filters: UserFilters = {}): Promise<{ items: UserView[] }> {
  return apiRequest('/api/users', { query: { q: filters.q, role: filters.role, status: filters.status } });
}

export function createUser(body: CreateUserBody): Promise<UserView> {
  return apiRequest('/api/users', { method: 'POST', body });
}

export function inviteUser(body: InviteUserBody): Promise<{ user: UserView; inviteUrl: string }> {
  return apiRequest('/api/users/invite', { method: 'POST', body });
}

export function updateUser(id: string, body: { name?: string; role?: Role }): Promise<UserView> {
  return apiRequest(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function disableUser(id: string): Promise<UserView> {
  return apiRequest(`/api/users/${encodeURIComponent(id)}/disable`, { method: 'POST' });
}

export function enableUser(id: string): Promise<UserView> {
  return apiRequest(`/api/users/${encodeURIComponent(id)}/enable`, { method: 'POST' });
}

export function resetUserPassword(id: string, newPassword: string): Promise<{ ok: true }> {
  return apiRequest(`/api/users/${encodeURIComponent(id)}/password`, { method: 'POST', body: { newPassword } });
}
