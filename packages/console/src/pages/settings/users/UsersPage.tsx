import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { type Role, USER_STATUSES, type UserView } from '@kefu/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTeams, teamsKey } from '../../../api/teams';
import { listUsers, type UserFilters, type UserStatus, usersListKey } from '../../../api/users';
import { useSignedInSession } from '../../../auth/SessionContext';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { RoleTag } from '../../../components/RoleTag';
import { UserStatusTag } from '../../../components/UserStatusTag';
import { useRoleOptions } from '../../../components/useRoleOptions';
import { useFormatDateTime } from '../../../format/useFormatDateTime';
import { PresenceBadge } from '../../../presence/PresenceBadge';
import { useAgentDirectory } from '../../../presence/useAgentDirectory';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { InviteUserModal } from './InviteUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserRowActions } from './UserRowActions';

type Dialog =
  | { kind: 'create' }
  | { kind: 'invite' }
  | { kind: 'edit'; user: UserView }
  | { kind: 'reset-password'; user: UserView };

export function UsersPage() {
  const { t } = useTranslation();
  const { user: me } = useSignedInSession();
  const canManage = usePermission('users.manage');
  const canReadTeams = usePermission('teams.read');
  const formatDateTime = useFormatDateTime();
  const roleOptions = useRoleOptions();
  const [filters, setFilters] = useState<UserFilters>({});
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const users = useQuery({
    queryKey: usersListKey(filters),
    queryFn: () => listUsers(filters),
    placeholderData: keepPreviousData,
  });
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams });
  const teamNames = useMemo(() => new Map(teams.data?.items.map((team) => [team.id, team.name])), [teams.data]);
  const directory = useAgentDirectory();
  const agents = useMemo(() => new Map(directory.data?.items.map((agent) => [agent.id, agent])), [directory.data]);

  const columns: TableColumnsType<UserView> = [
    {
      key: 'name',
      title: t('users.name'),
      render: (_, user) => (
        <>
          {user.name}
          {user.id === me.id ? <Typography.Text type="secondary">{t('users.you')}</Typography.Text> : null}
        </>
      ),
    },
    { key: 'email', title: t('users.email'), dataIndex: 'email' },
    { key: 'role', title: t('users.role'), render: (_, user) => <RoleTag role={user.role} /> },
    { key: 'status', title: t('users.status'), render: (_, user) => <UserStatusTag status={user.status} /> },
    {
      key: 'teams',
      title: t('users.teams'),
      render: (_, user) => (
        <Space wrap size={[0, 4]}>
          {user.teamIds.map((teamId) => (
            <Tag key={teamId}>{teamNames.get(teamId) ?? teamId}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'load',
      title: t('presence.loadColumn'),
      render: (_, user) => {
        const agent = agents.get(user.id);
        return agent ? (
          <PresenceBadge
            presence={agent.presence}
            load={{ activeChats: agent.activeChats, chatLimit: agent.chatLimit }}
          />
        ) : (
          '—'
        );
      },
    },
    {
      key: 'lastSignIn',
      title: t('users.lastSignIn'),
      render: (_, user) => (user.lastSignInAt ? formatDateTime(user.lastSignInAt) : t('common.never')),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      // Stays in view when the table scrolls sideways on narrow screens.
      fixed: 'right',
      render: (_, user) => (
        <UserRowActions
          user={user}
          isSelf={user.id === me.id}
          onEdit={() => setDialog({ kind: 'edit', user })}
          onResetPassword={() => setDialog({ kind: 'reset-password', user })}
        />
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canManage ? (
            <Space>
              <Button icon={<SendOutlined />} onClick={() => setDialog({ kind: 'invite' })} data-testid="invite-user">
                {t('users.invite')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ kind: 'create' })}
                data-testid="create-user"
              >
                {t('users.create')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('common.searchPlaceholder')}
          aria-label={t('common.searchPlaceholder')}
          onSearch={(q) => setFilters((current) => ({ ...current, q: q.trim() || undefined }))}
          style={{ width: 240 }}
        />
        <Select<Role>
          allowClear
          placeholder={t('users.filterRole')}
          aria-label={t('users.role')}
          options={roleOptions}
          value={filters.role}
          onChange={(role) => setFilters((current) => ({ ...current, role }))}
          style={{ width: 160 }}
        />
        <Select<UserStatus>
          allowClear
          placeholder={t('users.filterStatus')}
          aria-label={t('users.status')}
          options={USER_STATUSES.map((status) => ({ value: status, label: t(`userStatuses.${status}`) }))}
          value={filters.status}
          onChange={(status) => setFilters((current) => ({ ...current, status }))}
          style={{ width: 160 }}
        />
      </Space>
      {users.isError ? <ErrorAlert error={users.error} /> : null}
      <Table<UserView>
        aria-label={t('users.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {dialog?.kind === 'create' ? <CreateUserModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'invite' ? <InviteUserModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <EditUserModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reset-password' ? (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
