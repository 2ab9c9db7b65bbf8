import type { CreateTeamBody, TeamMemberView, TeamView, UpdateTeamBody } from '@kefu/shared';
import { apiRequest } from './client';

export const teamsKey = ['teams'] as const;

export function listTeams(): Promise<{ items: TeamView[] }> {
  return apiRequest('/api/teams');
}

export const teamMembersKey = (id: string) => [...teamsKey, id, 'members'] as const;

/** Members with names and roles, department users included (the agent directory leaves them out). */
export function listTeamMembers(id: string, signal?: AbortSignal): Promise<{ items: TeamMemberView[] }> {
  return apiRequest(`/api/teams/${encodeURIComponent(id)}/members`, { signal });
}

export function createTeam(body: CreateTeamBody): Promise<TeamView> {
  return apiRequest('/api/teams', { method: 'POST', body });
}

export function updateTeam(id: string, body: UpdateTeamBody): Promise<TeamView> {
  return apiRequest(`/api/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteTeam(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/teams/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
