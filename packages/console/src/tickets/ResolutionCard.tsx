import type { FollowUpView, ResolutionView, TicketView } from '@kefu/shared';
import { Card, Collapse, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../format/useFormatDateTime';

const STATUS_COLORS: Record<ResolutionView['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  superseded: 'default',
};

/** 处理方案: the current proposal with its approvals and the customer's decision; earlier ones; the follow-ups. */
export function ResolutionCard({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const earlier = ticket.resolutions.filter((resolution) => resolution.id !== ticket.resolution?.id);
  return (
    <Card size="small" title={t('tickets.resolution.title')} style={{ marginBottom: 16 }} data-testid="resolution-card">
      {ticket.resolution ? (
        <ResolutionDetails resolution={ticket.resolution} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.resolution.none')} />
      )}
      {earlier.length > 0 ? (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'earlier',
              label: t('tickets.resolution.earlier', { count: earlier.length }),
              children: earlier.map((resolution) => <ResolutionDetails key={resolution.id} resolution={resolution} />),
            },
          ]}
        />
      ) : null}
      {ticket.followUps.length > 0 ? <FollowUps followUps={ticket.followUps} /> : null}
    </Card>
  );
}

function ResolutionDetails({ resolution }: { resolution: ResolutionView }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const decision = resolution.customerDecision;
  const channelName = useChannelName();
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} data-testid="resolution">
      <Flex gap={8} align="center" wrap>
        <Tag color={STATUS_COLORS[resolution.status]} data-testid="resolution-status">
          {t(`tickets.resolution.statuses.${resolution.status}`)}
        </Tag>
        <Typography.Text type="secondary">
          {t('tickets.resolution.proposedBy', {
            name: resolution.proposedBy.name,
            at: formatDateTime(resolution.proposedAt),
          })}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {resolution.summary}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'compensation',
            label: t('tickets.resolution.compensation'),
            children: `¥${resolution.compensationAmount.toFixed(2)}`,
          },
          {
            key: 'approvals',
            label: t('tickets.approval.title'),
            children: (
              <Flex vertical gap={2}>
                <span>
                  {t('tickets.approval.progress', {
                    done: resolution.approvals.filter((a) => a.decision === 'approved').length,
                    needed: resolution.requiredApprovals,
                  })}
                </span>
                {resolution.approvals.map((approval) => (
                  <span key={approval.id} data-testid="approval">
                    <Tag color={approval.decision === 'approved' ? 'success' : 'error'}>
                      {t(`tickets.approval.decisions.${approval.decision}`)}
                    </Tag>
                    {approval.approver.name} · {formatDateTime(approval.createdAt)}
                    {approval.reason ? ` · ${approval.reason}` : ''}
                  </span>
                ))}
              </Flex>
            ),
          },
          ...(decision
            ? [
                {
                  key: 'decision',
                  label: t('tickets.decision.label'),
                  children: (
                    <span data-testid="customer-decision">
                      <Tag color={decision.decision === 'accepted' ? 'success' : 'error'}>
                        {t(`tickets.decision.${decision.decision}`)}
                      </Tag>
                      {decision.by === 'customer'
                        ? t('tickets.decision.byCustomer')
                        : t('tickets.decision.byStaff', {
                            name: decision.recordedBy?.name ?? '',
                            channel: channelName(decision.channel),
                          })}
                      {' · '}
                      {formatDateTime(decision.at)}
                      {decision.note ? ` · ${decision.note}` : ''}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

function FollowUps({ followUps }: { followUps: FollowUpView[] }) {
  const { t } = useTranslation();
  const channelName = useChannelName();
  const formatDateTime = useFormatDateTime();
  return (
    <>
      <Typography.Title level={5}>{t('tickets.followUp.title')}</Typography.Title>
      <List
        size="small"
        dataSource={followUps}
        renderItem={(followUp) => (
          <List.Item data-testid="follow-up">
            <Flex vertical gap={2}>
              <span>
                <Tag color={followUp.satisfied ? 'success' : 'error'}>
                  {t(followUp.satisfied ? 'tickets.followUp.yes' : 'tickets.followUp.no')}
                </Tag>
                {followUp.recordedBy.name} · {formatDateTime(followUp.contactedAt)} · {channelName(followUp.channel)}
              </span>
              {followUp.notes ? <Typography.Text type="secondary">{followUp.notes}</Typography.Text> : null}
            </Flex>
          </List.Item>
        )}
      />
    </>
  );
}

const CHANNELS = ['phone', 'sms', 'email', 'chat', 'wechat', 'visit', 'widget'] as const;

/** How the customer was reached, by name; the widget counts as a channel of its own here. */
function useChannelName() {
  const { t } = useTranslation();
  return (channel: string) =>
    (CHANNELS as readonly string[]).includes(channel)
      ? t(`tickets.channels.${channel as (typeof CHANNELS)[number]}`)
      : channel;
}
