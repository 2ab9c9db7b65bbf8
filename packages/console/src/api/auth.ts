import type { Locale, LoginBody, SessionResponse } from '@kefu/shared';
import { ApiError, apiRequest } from './client';

export const sessionKey = ['session'] as const;

export interface InviteView {
  email: string;
  name: string;
  accountName: string;
}

/** The current session, or null when signed out. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    return await apiRequest<SessionResponse>('/api/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

export function login(body: LoginBody): Promise<SessionResponse> {
  return apiRequest('/api/auth/login', { method: 'POST', body });
}

export function logout(): Promise<{ ok: true }> {
  return apiRequest('/api/auth/logout', { method: 'POST' });
}

export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<{ ok: true }> {
  return apiRequest('/api/auth/password', { method: 'POST', body });
}

export function updateProfile(body: { name?: string; locale?: Locale }): Promise<SessionResponse> {
  return apiRequest('/api/auth/profile', { method: 'PATCH', body });
}

export function fetchInvite(token: string): Promise<InviteView> {
  return apiRequest(`/api/auth/invites/${encodeURIComponent(token)}`);
}

export function acceptInvite(body: { token: string; name: string; password: string }): Promise<SessionResponse> {
  return apiRequest('/api/auth/invites/accept', { method: 'POST', body });
}
