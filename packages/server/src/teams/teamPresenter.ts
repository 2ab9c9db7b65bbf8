import type { Role, TeamMemberView, TeamView } from '@kefu/shared';
import type { TeamRow } from './teamRepository.js';

export function presentTeam(row: TeamRow, memberIds: string[]): TeamView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as TeamView['kind'],
    description: row.description,
    memberIds,
    chatLimit: row.chat_limit,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function presentTeamMember(row: { id: string; name: string; role: string; status: string }): TeamMemberView {
  return { id: row.id, name: row.name, role: row.role as Role, active: row.status === 'active' };
}
