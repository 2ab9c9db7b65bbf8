import type { ConversationView, Role, SupervisionBoard } from '@kefu/shared';
import { Card, Col, Empty, Flex, Row, Space, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { RoleTag } from '../components/RoleTag';
import { WaitingTime } from '../inbox/ConversationList';
import { formatDuration, useNow } from '../inbox/time';
import { useConversationList } from '../inbox/useConversationList';
import { PresenceBadge } from '../presence/PresenceBadge';
import { SaturationBar } from './SaturationBar';
import { SupervisorActions } from './SupervisorActions';
import { useSupervisionBoard } from './useSupervisionBoard';

type BoardAgent = SupervisionBoard['agents'][number];
type BoardTeam = SupervisionBoard['teams'][number];

const PRESENCE_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;
const LIVE_FILTER = { tab: 'all', status: 'open' } as const;

/** How long the longest-waiting customer of a queue has waited, ticking. */
function LongestWait({ since }: { since: string | null }) {
  const now = useNow();
  if (!since) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span data-testid="longest-wait">{formatDuration(now - Date.parse(since))}</span>;
}

/**
 * 主管监控: every agent's status and load, each team's chats and queue, the service level today, and the live
 * conversations, from which a supervisor watches, whispers, takes over or reassigns.
 */
export function SupervisionPage() {
  const { t } = useTranslation();
  const board = useSupervisionBoard();
  const data = board.data;

  return (
    <>
      <PageHeader title={t('supervision.title')} />
      {board.isError ? <ErrorAlert error={board.error} /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <Totals board={data} />
          <AgentsCard board={data} />
          <TeamsCard board={data} />
          <LiveConversations board={data} />
        </Flex>
      ) : board.isPending ? (
        <Card loading />
      ) : null}
    </>
  );
}

function Totals({ board }: { board: SupervisionBoard }) {
  const { t } = useTranslation();
  const online = board.agents.filter((agent) => agent.presence === 'online');
  const inProgress = board.agents.reduce((sum, agent) => sum + agent.activeChats, 0);
  const seats = online.reduce((sum, agent) => sum + agent.chatLimit, 0);
  const queueLength = board.generalQueue.length + board.teams.reduce((sum, team) => sum + team.queueLength, 0);
  const oldest = [board.generalQueue.longestWaitSince, ...board.teams.map((team) => team.longestWaitSince)]
    .filter((since): since is string => since !== null)
    .sort()[0];
  const { serviceLevel } = board;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic
            title={t('supervision.onlineAgents')}
            value={online.length}
            suffix={`/ ${board.agents.length}`}
            data-testid="online-agents"
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic
            title={t('supervision.chatsInProgress')}
            value={inProgress}
            suffix={t('supervision.ofSeats', { seats })}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title={t('supervision.waiting')} value={queueLength} data-testid="queue-total" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.longestWait')} <LongestWait since={oldest ?? null} />
            {' · '}
            {t('supervision.pool', { total: board.poolLength })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic
            title={t('supervision.serviceLevel', { seconds: serviceLevel.thresholdSeconds })}
            value={serviceLevel.rate === null ? '—' : Math.round(serviceLevel.rate * 1000) / 10}
            suffix={serviceLevel.rate === null ? undefined : '%'}
            data-testid="service-level"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.serviceLevelDetail', {
              within: serviceLevel.withinThreshold,
              answered: serviceLevel.answered,
            })}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

function AgentsCard({ board }: { board: SupervisionBoard }) {
  const { t } = useTranslation();
  const teamNames = new Map(board.teams.map((team) => [team.id, team.name]));
  const agents = [...board.agents].sort(
    (a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || b.activeChats - a.activeChats,
  );
  const columns: TableColumnsType<BoardAgent> = [
    {
      key: 'name',
      title: t('supervision.agent'),
      render: (_, agent) => (
        <Space>
          <PresenceBadge presence={agent.presence} name={agent.name} />
          <RoleTag role={agent.role as Role} />
        </Space>
      ),
    },
    {
      key: 'since',
      title: t('supervision.since'),
      render: (_, agent) => (agent.presenceSince ? <LongestWait since={agent.presenceSince} /> : '—'),
    },
    {
      key: 'load',
      title: t('supervision.load'),
      render: (_, agent) => <SaturationBar active={agent.activeChats} limit={agent.chatLimit} />,
    },
    {
      key: 'teams',
      title: t('supervision.teams'),
      render: (_, agent) => (
        <Space wrap size={[0, 4]}>
          {agent.teamIds.map((id) => (teamNames.has(id) ? <Tag key={id}>{teamNames.get(id)}</Tag> : null))}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('supervision.agents')}>
      <Table<BoardAgent>
        aria-label={t('supervision.agents')}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={agents}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(agent) => ({ 'data-testid': 'board-agent', 'data-agent-name': agent.name }) as object}
      />
    </Card>
  );
}

function TeamsCard({ board }: { board: SupervisionBoard }) {
  const { t } = useTranslation();
  const rows: BoardTeam[] = [
    ...board.teams,
    ...(board.generalQueue.length > 0
      ? [
          {
            id: 'general',
            name: t('routing.queue.anyAgent'),
            chatLimit: null,
            activeChats: 0,
            onlineAgents: board.agents.filter((agent) => agent.presence === 'online').length,
            queueLength: board.generalQueue.length,
            longestWaitSince: board.generalQueue.longestWaitSince,
          },
        ]
      : []),
  ];
  const columns: TableColumnsType<BoardTeam> = [
    { key: 'name', title: t('supervision.team'), dataIndex: 'name' },
    { key: 'online', title: t('supervision.teamOnline'), dataIndex: 'onlineAgents' },
    {
      key: 'load',
      title: t('supervision.teamLoad'),
      render: (_, team) =>
        team.id === 'general' ? '—' : <SaturationBar active={team.activeChats} limit={team.chatLimit} />,
    },
    {
      key: 'queue',
      title: t('supervision.queueLength'),
      render: (_, team) => (
        <Typography.Text type={team.queueLength > 0 ? 'danger' : 'secondary'} data-testid="team-queue">
          {team.queueLength}
        </Typography.Text>
      ),
    },
    {
      key: 'wait',
      title: t('supervision.longestWait'),
      render: (_, team) => <LongestWait since={team.longestWaitSince} />,
    },
  ];
  return (
    <Card title={t('supervision.teamsTitle')}>
      <Table<BoardTeam>
        aria-label={t('supervision.teamsTitle')}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(team) => ({ 'data-testid': 'board-team', 'data-team-name': team.name }) as object}
      />
    </Card>
  );
}

function LiveConversations({ board }: { board: SupervisionBoard }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useConversationList(LIVE_FILTER);
  const names = useMemo(() => new Map(board.agents.map((agent) => [agent.id, agent.name])), [board.agents]);
  const columns: TableColumnsType<ConversationView> = [
    {
      key: 'contact',
      title: t('supervision.customer'),
      render: (_, conversation) => (
        <Flex vertical>
          <Typography.Text strong>{conversation.contact.name}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260, fontSize: 12 }}>
            {conversation.lastMessage?.preview ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'assignee',
      title: t('supervision.assignee'),
      render: (_, conversation) =>
        conversation.assigneeId ? (
          (names.get(conversation.assigneeId) ?? '…')
        ) : (
          <Typography.Text type="secondary">{t('inbox.unassigned')}</Typography.Text>
        ),
    },
    {
      key: 'waiting',
      title: t('supervision.customerWaiting'),
      render: (_, conversation) =>
        conversation.waitingSince ? <WaitingTime since={conversation.waitingSince} /> : '—',
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, conversation) => (
        <Space wrap size={4}>
          <Link to={`/inbox/${encodeURIComponent(conversation.id)}`} data-testid="watch">
            {t('supervision.watch')}
          </Link>
          <SupervisorActions
            conversation={conversation}
            onTakenOver={(taken) => navigate(`/inbox/${encodeURIComponent(taken.id)}`)}
          />
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('supervision.liveConversations')}>
      {list.query.isError ? <ErrorAlert error={list.query.error} /> : null}
      <Table<ConversationView>
        aria-label={t('supervision.liveConversations')}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.query.isPending}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.noLive')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(conversation) =>
          ({ 'data-testid': 'live-conversation', 'data-contact-name': conversation.contact.name }) as object
        }
      />
      {list.query.hasNextPage ? (
        <Typography.Link onClick={() => void list.query.fetchNextPage()}>{t('supervision.more')}</Typography.Link>
      ) : null}
    </Card>
  );
}
