import {
  ApiOutlined,
  AppstoreAddOutlined,
  AuditOutlined,
  BookOutlined,
  CarryOutOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HomeOutlined,
  MessageOutlined,
  RobotOutlined,
  SafetyOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { type Permission, type Role, roleHasPermission } from '@kefu/shared';
import type { ReactNode } from 'react';

export interface NavEntry {
  key:
    | 'home'
    | 'inbox'
    | 'tickets'
    | 'tasks'
    | 'supervision'
    | 'bot'
    | 'knowledge'
    | 'workspace'
    | 'users'
    | 'teams'
    | 'inboxes'
    | 'business-hours'
    | 'quick-replies'
    | 'labels'
    | 'sensitive-words'
    | 'ticket-types'
    | 'sla'
    | 'api-tokens'
    | 'audit';
  path: string;
  /** Needed both to see the entry and to open its page. */
  permission: Permission;
  labelKey:
    | 'nav.home'
    | 'nav.inbox'
    | 'tickets.nav'
    | 'ticketTasks.nav'
    | 'ticketTypes.nav'
    | 'slaPolicies.nav'
    | 'nav.supervision'
    | 'bot.nav'
    | 'nav.knowledge'
    | 'nav.workspace'
    | 'nav.users'
    | 'nav.teams'
    | 'nav.inboxes'
    | 'nav.businessHours'
    | 'nav.quickReplies'
    | 'nav.labels'
    | 'nav.sensitiveWords'
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
    key: 'tickets',
    path: '/tickets',
    permission: 'tickets.write',
    labelKey: 'tickets.nav',
    icon: <FileTextOutlined />,
    group: 'main',
  },
  {
    key: 'tasks',
    path: '/tasks',
    permission: 'tasks.work',
    labelKey: 'ticketTasks.nav',
    icon: <CarryOutOutlined />,
    group: 'main',
  },
  {
    key: 'supervision',
    path: '/supervision',
    permission: 'supervision.read',
    labelKey: 'nav.supervision',
    icon: <DashboardOutlined />,
    group: 'main',
  },
  { key: 'bot', path: '/bot', permission: 'bot.stats', labelKey: 'bot.nav', icon: <RobotOutlined />, group: 'main' },
  {
    key: 'knowledge',
    path: '/knowledge',
    permission: 'knowledge.read',
    labelKey: 'nav.knowledge',
    icon: <BookOutlined />,
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
    key: 'business-hours',
    path: '/settings/business-hours',
    permission: 'businessHours.read',
    labelKey: 'nav.businessHours',
    icon: <ClockCircleOutlined />,
    group: 'settings',
  },
  {
    key: 'quick-replies',
    path: '/settings/quick-replies',
    permission: 'quickReplies.use',
    labelKey: 'nav.quickReplies',
    icon: <ThunderboltOutlined />,
    group: 'settings',
  },
  {
    key: 'labels',
    path: '/settings/labels',
    permission: 'labels.manage',
    labelKey: 'nav.labels',
    icon: <TagsOutlined />,
    group: 'settings',
  },
  {
    key: 'sensitive-words',
    path: '/settings/sensitive-words',
    permission: 'moderation.manage',
    labelKey: 'nav.sensitiveWords',
    icon: <SafetyOutlined />,
    group: 'settings',
  },
  {
    key: 'ticket-types',
    path: '/settings/ticket-types',
    permission: 'ticketTypes.manage',
    labelKey: 'ticketTypes.nav',
    icon: <AppstoreAddOutlined />,
    group: 'settings',
  },
  {
    key: 'sla',
    path: '/settings/sla',
    permission: 'sla.manage',
    labelKey: 'slaPolicies.nav',
    icon: <FieldTimeOutlined />,
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
