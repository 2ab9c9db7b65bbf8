import { type ComponentType, lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from './auth/RequirePermission';
import { RequireSession } from './auth/RequireSession';
import { AppLayout } from './layout/AppLayout';
import { type NavEntry, navEntry } from './layout/navigation';
import { AcceptInvitePage } from './pages/AcceptInvitePage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteErrorPage } from './pages/RouteErrorPage';

/** Loads a page's code when it is first opened, so signing in does not wait for tables and date pickers. */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const WorkspacePage = lazyPage(() => import('./pages/settings/WorkspacePage'), 'WorkspacePage');
const UsersPage = lazyPage(() => import('./pages/settings/users/UsersPage'), 'UsersPage');
const TeamsPage = lazyPage(() => import('./pages/settings/teams/TeamsPage'), 'TeamsPage');
const ApiTokensPage = lazyPage(() => import('./pages/settings/api-tokens/ApiTokensPage'), 'ApiTokensPage');
const AuditLogPage = lazyPage(() => import('./pages/settings/audit/AuditLogPage'), 'AuditLogPage');
const InboxesPage = lazyPage(() => import('./pages/settings/inboxes/InboxesPage'), 'InboxesPage');
const BusinessHoursPage = lazyPage(
  () => import('./pages/settings/business-hours/BusinessHoursPage'),
  'BusinessHoursPage',
);
const QuickRepliesPage = lazyPage(() => import('./pages/settings/quick-replies/QuickRepliesPage'), 'QuickRepliesPage');
const LabelsPage = lazyPage(() => import('./pages/settings/labels/LabelsPage'), 'LabelsPage');
const SensitiveWordsPage = lazyPage(
  () => import('./pages/settings/sensitive-words/SensitiveWordsPage'),
  'SensitiveWordsPage',
);
const InboxPage = lazyPage(() => import('./inbox/InboxPage'), 'InboxPage');
const TicketsPage = lazyPage(() => import('./tickets/TicketsPage'), 'TicketsPage');
const NewTicketPage = lazyPage(() => import('./tickets/NewTicketPage'), 'NewTicketPage');
const TicketDetailPage = lazyPage(() => import('./tickets/TicketDetailPage'), 'TicketDetailPage');
const TasksPage = lazyPage(() => import('./tasks/TasksPage'), 'TasksPage');
const TicketTypesPage = lazyPage(() => import('./pages/settings/ticket-types/TicketTypesPage'), 'TicketTypesPage');
const SlaPoliciesPage = lazyPage(() => import('./pages/settings/sla/SlaPoliciesPage'), 'SlaPoliciesPage');
const SupervisionPage = lazyPage(() => import('./supervision/SupervisionPage'), 'SupervisionPage');
const BotPage = lazyPage(() => import('./pages/bot/BotPage'), 'BotPage');
const KnowledgePage = lazyPage(() => import('./pages/knowledge/KnowledgePage'), 'KnowledgePage');
const ProfilePage = lazyPage(() => import('./pages/ProfilePage'), 'ProfilePage');

/** A page reachable from the navigation, guarded by the same permission that shows its menu entry. */
function navPage(key: NavEntry['key'], page: ReactNode, subPath = ''): RouteObject {
  const { path, permission } = navEntry(key);
  return { path: `${path}${subPath}`, element: <RequirePermission permission={permission}>{page}</RequirePermission> };
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/invite/:token', element: <AcceptInvitePage /> },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          {
            // A child of the layout, so the navigation stays usable when one page fails.
            errorElement: <RouteErrorPage />,
            children: [
              navPage('home', <HomePage />),
              // One route for the list and an open conversation, so switching conversations keeps the socket.
              navPage('inbox', <InboxPage />, '/:conversationId?'),
              navPage('tickets', <TicketsPage />),
              navPage('tickets', <NewTicketPage />, '/new'),
              {
                // Department users open the tickets their tasks belong to (the restricted view) from the task inbox.
                path: '/tickets/:ticketId',
                element: (
                  <RequirePermission permission="tickets.read">
                    <TicketDetailPage />
                  </RequirePermission>
                ),
              },
              navPage('tasks', <TasksPage />, '/:taskId?'),
              navPage('supervision', <SupervisionPage />),
              navPage('bot', <BotPage />, '/:tab?'),
              navPage('knowledge', <KnowledgePage />, '/:tab?'),
              navPage('workspace', <WorkspacePage />),
              navPage('users', <UsersPage />),
              navPage('teams', <TeamsPage />),
              navPage('inboxes', <InboxesPage />),
              navPage('business-hours', <BusinessHoursPage />),
              navPage('quick-replies', <QuickRepliesPage />),
              navPage('labels', <LabelsPage />),
              navPage('sensitive-words', <SensitiveWordsPage />),
              navPage('ticket-types', <TicketTypesPage />),
              navPage('sla', <SlaPoliciesPage />),
              navPage('api-tokens', <ApiTokensPage />),
              navPage('audit', <AuditLogPage />),
              { path: '/profile', element: <ProfilePage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
