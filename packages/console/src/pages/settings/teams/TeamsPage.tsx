import { PlusOutlined } from '@ant-design/icons';
import type { TeamView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteTeam, listTeams, teamsKey } from '../../../api/teams';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { listUsers, usersKey, usersListKey } from '../../../api/users';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { TeamFormModal } from './TeamFormModal';

type Dialog = { kind: 'create' } | { kind: 'edit'; team: TeamView };

export function TeamsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const canManage = usePermission('teams.manage');
  const canReadUsers = usePermission('users.read');
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams });
  // Roles that may not list users see member counts instead of names.
  const users = useQuery({ queryKey: usersListKey(), queryFn: () => listUsers(), enabled: canReadUsers });
  const userNames = useMemo(() => new Map(users.data?.items.map((user) => [user.id, user.name])), [users.data]);

  const remove = useMutation({
    mutationFn: (team: TeamView) => deleteTeam(team.id),
    onSuccess: async (_, team) => {
      message.success(t('teams.deleted', { name: team.name }));
      await queryClient.invalidateQueries({ queryKey: teamsKey });
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<TeamView> = [
    { key: 'name', title: t('teams.name'), dataIndex: 'name' },
    {
      key: 'kind',
      title: t('teams.kind'),
      render: (_, team) => <Tag color={team.kind === 'skill' ? 'blue' : 'purple'}>{t(`teamKinds.${team.kind}`)}</Tag>,
    },
    { key: 'description', title: t('teams.description'), dataIndex: 'description' },
    {
      key: 'members',
      title: t('teams.members'),
      render: (_, team) =>
        canReadUsers ? (
          <Space wrap size={[0, 4]}>
            {team.memberIds.map((id) => (
              <Tag key={id}>{userNames.get(id) ?? id}</Tag>
            ))}
          </Space>
        ) : (
          t('teams.memberCount', { total: team.memberIds.length })
        ),
    },
    {
      key: 'chatLimit',
      title: t('presence.chatLimit'),
      render: (_, team) => team.chatLimit ?? t('presence.noTeamLimit'),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, team) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', team })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('teams.deleteConfirm', { name: team.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(team).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="create-team"
            >
              {t('teams.create')}
            </Button>
          ) : null
        }
      />
      {teams.isError ? <ErrorAlert error={teams.error} /> : null}
      <Table<TeamView>
        aria-label={t('teams.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={teams.data?.items}
        loading={teams.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {dialog?.kind === 'create' ? <TeamFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <TeamFormModal team={dialog.team} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
