import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TicketView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Flex, Result, Row, Skeleton, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { getTicket, ticketKey, updateTicket } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { ErrorAlert } from '../components/ErrorAlert';
import { CallLogsCard } from './CallLogsCard';
import { LinkedConversationsCard } from './LinkedConversationsCard';
import { ResolutionCard } from './ResolutionCard';
import { RestrictedTicketFacts } from './RestrictedTicketFacts';
import { SlaBadge } from './SlaBadge';
import { SlaCard } from './SlaCard';
import { PriorityTag, PromiseBadge, StateTag } from './TicketBadges';
import { TicketComments } from './TicketComments';
import { TicketFieldsCard } from './TicketFieldsCard';
import { TicketSidebar } from './TicketSidebar';
import { TicketTasksCard } from './TicketTasksCard';
import { TicketTimeline } from './TicketTimeline';
import { useTicketChange } from './useTicketChange';
import { useTicketFrames } from './useTicketFrames';
import { WorkflowPanel } from './WorkflowPanel';

/** One ticket: staff get the whole case to work on; a department user the facts their task needs. */
export function TicketDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { ticketId = '' } = useParams();
  useTicketFrames();
  const ticket = useQuery({
    queryKey: ticketKey(ticketId),
    queryFn: ({ signal }) => getTicket(ticketId, signal),
    // Without the socket (department users) the page keeps itself current by asking now and then.
    refetchInterval: 30_000,
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('tickets.back')}
    </Button>
  );
  if (ticket.isPending) return <Skeleton active />;
  if (ticket.isError) {
    if (ticket.error instanceof ApiError && ticket.error.code === 'NOT_FOUND') {
      return <Result status="404" title={t('tickets.detail.notFound')} extra={back} />;
    }
    return <ErrorAlert error={ticket.error} />;
  }
  const view = ticket.data;
  if (view.access === 'restricted') return <RestrictedTicketFacts ticket={view} extra={back} />;
  return <FullTicket ticket={view} back={back} />;
}

function FullTicket({ ticket, back }: { ticket: TicketView; back: React.ReactNode }) {
  const { t } = useTranslation();
  const canWrite = usePermission('tickets.write');
  const rename = useTicketChange<string>(ticket, (title, version) => updateTicket(ticket.id, { version, title }));
  return (
    <>
      <Flex justify="space-between" align="start" gap={12} wrap style={{ marginBottom: 16 }}>
        <Flex vertical gap={4}>
          <Space size={8} wrap>
            <Typography.Text type="secondary" copyable data-testid="ticket-number">
              {ticket.number}
            </Typography.Text>
            <Typography.Text type="secondary">{ticket.type.name}</Typography.Text>
            <StateTag state={ticket.state} />
            <PriorityTag priority={ticket.priority} />
            <PromiseBadge promise={ticket.promisedReply} />
            <SlaBadge sla={ticket.sla} />
          </Space>
          <Typography.Title
            level={3}
            style={{ margin: 0 }}
            editable={
              canWrite
                ? {
                    onChange: (title) => {
                      const next = title.trim();
                      if (next && next !== ticket.title) rename.mutate(next);
                    },
                    maxLength: 200,
                    triggerType: ['icon'],
                  }
                : false
            }
            data-testid="ticket-title"
          >
            {ticket.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {ticket.contact.name}
            {ticket.assignee ? ` · ${t('tickets.detail.assignedTo', { name: ticket.assignee.name })}` : ''}
            {ticket.team ? ` · ${ticket.team.name}` : ''}
          </Typography.Text>
        </Flex>
        {back}
      </Flex>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <WorkflowPanel ticket={ticket} />
          {ticket.description ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-description">
              {ticket.description}
            </Typography.Paragraph>
          ) : null}
          <Tabs
            defaultActiveKey="case"
            items={[
              {
                key: 'case',
                label: t('tickets.detail.tabs.case'),
                children: (
                  <>
                    <TicketFieldsCard ticket={ticket} />
                    <ResolutionCard ticket={ticket} />
                  </>
                ),
              },
              {
                key: 'comments',
                label: t('tickets.detail.tabs.comments'),
                children: <TicketComments ticket={ticket} />,
              },
              {
                key: 'tasks',
                label: t('tickets.detail.tabs.tasks', { count: ticket.openTaskCount }),
                children: <TicketTasksCard ticket={ticket} />,
              },
              {
                key: 'conversations',
                label: t('tickets.detail.tabs.conversations', { count: ticket.conversations.length }),
                children: (
                  <>
                    <LinkedConversationsCard ticket={ticket} />
                    <CallLogsCard ticket={ticket} />
                  </>
                ),
              },
              {
                key: 'timeline',
                label: t('tickets.detail.tabs.timeline'),
                children: <TicketTimeline ticket={ticket} />,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <SlaCard ticket={ticket} />
            <TicketSidebar ticket={ticket} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
