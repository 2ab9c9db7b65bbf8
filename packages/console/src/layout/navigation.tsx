import {
  ApiOutlined,
  AuditOutlined,
  GlobalOutlined,
  HomeOutlined,
  MessageOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { type Permission, type Role, roleHasPermission } from '@kefu/shared';
import type { ReactNode } from 'react';

export interface NavEntry {
  key: 'home' | 'inbox' | 'workspace' | 'users' | 'teams' | 'inboxes' | 'api-tokens' | 'audit';
  path: string;
  /** Needed both to see the entry and to open its page. */
  permission: Permission;
  labelKey:
    | 'nav.home'
    | 'nav.inbox'
    | 'nav.workspace'
    | 'nav.users'
    | 'nav.teams'
    | 'nav.inboxes'
    | 'nav.apiTokens'
    | 'nav.audit';
  icon: ReactNode;
  group: 'main' | 'settings';
}

export const NAV_ENTRIES: readonly NavEntry[] = [
  { key: 'home', path: '/', permission: 'profile.self', labelKey: 'nav.home', icon: <HomeOutlined />, group: 'main' },
  {
    key: 'inbox',
    path: '/inbox',
    permission: 'conversations.read',
    labelKey: 'nav.inbox',
    icon: <MessageOutlined />,
    group: 'main',
  },
  {
    key: 'workspace',
    path: '/settings/workspace',
    permission: 'account.read',
    labelKey: 'nav.workspace',
    icon: <SettingOutlined />,
    group: 'settings',
  },
  {
    key: 'users',
    path: '/settings/users',
    permission: 'users.read',
    labelKey: 'nav.users',
    icon: <UserOutlined />,
    group: 'settings',
  },
  {
    key: 'teams',
    path: '/settings/teams',
    permission: 'teams.read',
    labelKey: 'nav.teams',
    icon: <TeamOutlined />,
    group: 'settings',
  },
  {
    key: 'inboxes',
    path: '/settings/inboxes',
    permission: 'inboxes.read',
    labelKey: 'nav.inboxes',
    icon: <GlobalOutlined />,
    group: 'settings',
  },
  {
    key: 'api-tokens',
    path: '/settings/api-tokens',
    permission: 'apiTokens.own',
    labelKey: 'nav.apiTokens',
    icon: <ApiOutlined />,
    group: 'settings',
  },
  {
    key: 'audit',
    path: '/settings/audit',
    permission: 'audit.read',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    group: 'settings',
  },
];

export function navEntry(key: NavEntry['key']): NavEntry {
  const entry = NAV_ENTRIES.find((candidate) => candidate.key === key);
  if (!entry) throw new Error(`Unknown navigation entry ${key}`);
  return entry;
}

export function navEntriesFor(role: Role): NavEntry[] {
  return NAV_ENTRIES.filter((entry) => roleHasPermission(role, entry.permission));
}

/** The entry whose page contains `pathname`, preferring the most specific path. */
export function activeNavKey(pathname: string): NavEntry['key'] | undefined {
  const matches = NAV_ENTRIES.filter((entry) =>
    entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`),
  );
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
