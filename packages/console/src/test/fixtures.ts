import type { Role, SessionResponse, TeamView, UserView } from '@kefu/shared';

export const ACCOUNT = { id: '01900000-0000-7000-8000-000000000001', name: 'Acme 客服中心' };

const USER_IDS: Record<Role, string> = {
  admin: '01900000-0000-7000-8000-000000000101',
  supervisor: '01900000-0000-7000-8000-000000000102',
  agent: '01900000-0000-7000-8000-000000000103',
  department: '01900000-0000-7000-8000-000000000104',
};

export function sessionFor(role: Role, overrides: Partial<SessionResponse['user']> = {}): SessionResponse {
  return {
    user: {
      id: USER_IDS[role],
      accountId: ACCOUNT.id,
      email: `${role}@example.com`,
      name: `${role} user`,
      role,
      locale: 'zh-CN',
      ...overrides,
    },
    account: ACCOUNT,
    csrfToken: `csrf-${role}`,
  };
}

export function userView(overrides: Partial<UserView> = {}): UserView {
  return {
    id: '01900000-0000-7000-8000-00000000aaaa',
    email: 'lin@example.com',
    name: 'Lin',
    role: 'agent',
    status: 'active',
    locale: 'zh-CN',
    teamIds: [],
    lastSignInAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function teamView(overrides: Partial<TeamView> = {}): TeamView {
  return {
    id: '01900000-0000-7000-8000-00000000bbbb',
    name: 'Billing',
    kind: 'skill',
    description: '',
    memberIds: [],
    chatLimit: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
