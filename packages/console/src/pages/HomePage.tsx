import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, type DescriptionsProps, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listTeams, teamsKey } from '../api/teams';
import { useSignedInSession } from '../auth/SessionContext';
import { usePermission } from '../auth/usePermission';
import { RoleTag } from '../components/RoleTag';

export function HomePage() {
  const { t } = useTranslation();
  const { user, account } = useSignedInSession();
  const canReadTeams = usePermission('teams.read');
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams });
  const myTeams = teams.data?.items.filter((team) => team.memberIds.includes(user.id)) ?? [];

  const items: DescriptionsProps['items'] = [
    { key: 'workspace', label: t('home.workspace'), children: account.name },
    { key: 'email', label: t('home.email'), children: user.email },
    { key: 'role', label: t('home.role'), children: <RoleTag role={user.role} /> },
  ];
  if (canReadTeams) {
    items.push({
      key: 'teams',
      label: t('home.teams'),
      children:
        myTeams.length > 0 ? (
          <Space wrap size={[0, 8]}>
            {myTeams.map((team) => (
              <Tag key={team.id}>{team.name}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('home.noTeams')}</Typography.Text>
        ),
    });
  }

  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.name })}
      </Typography.Title>
      <Descriptions column={1} items={items} />
    </Card>
  );
}
