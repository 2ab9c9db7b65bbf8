import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from './auth/RequirePermission';
import { RequireSession } from './auth/RequireSession';
import { AppLayout } from './layout/AppLayout';
import { type NavEntry, navEntry } from './layout/navigation';
import { AcceptInvitePage } from './pages/AcceptInvitePage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { ApiTokensPage } from './pages/settings/api-tokens/ApiTokensPage';
import { AuditLogPage } from './pages/settings/audit/AuditLogPage';
import { TeamsPage } from './pages/settings/teams/TeamsPage';
import { UsersPage } from './pages/settings/users/UsersPage';
import { WorkspacePage } from './pages/settings/WorkspacePage';

/** A page reachable from the navigation, guarded by the same permission that shows its menu entry. */
function navPage(key: NavEntry['key'], page: ReactNode): RouteObject {
  const { path, permission } = navEntry(key);
  return { path, element: <RequirePermission permission={permission}>{page}</RequirePermission> };
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
              navPage('workspace', <WorkspacePage />),
              navPage('users', <UsersPage />),
              navPage('teams', <TeamsPage />),
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
