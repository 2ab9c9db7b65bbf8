import { PhoneOutlined } from '@ant-design/icons';
import type { TicketView } from '@kefu/shared';
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logCall, revealTicketValue } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { RevealableValue } from '../components/RevealableValue';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { CallLogFields, type CallLogFormValues, callLogBody } from './CallLogFields';
import { TicketActionModal } from './TicketActionModal';

/** 通话记录: calls about the ticket, numbers masked (revealable); an outbound call keeps the promised reply time. */
export function CallLogsCard({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const canWrite = usePermission('tickets.write');
  const canReveal = usePermission('contacts.reveal');
  const [logging, setLogging] = useState(false);
  return (
    <Card
      size="small"
      title={t('tickets.call.title')}
      style={{ marginBottom: 16 }}
      extra={
        canWrite ? (
          <Button size="small" icon={<PhoneOutlined />} onClick={() => setLogging(true)} data-testid="log-call">
            {t('tickets.call.log')}
          </Button>
        ) : null
      }
    >
      {ticket.calls.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.call.empty')} />
      ) : (
        <List
          size="small"
          dataSource={ticket.calls}
          renderItem={(call) => (
            <List.Item data-testid="call-log">
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={call.direction === 'inbound' ? 'blue' : 'green'}>
                    {t(`tickets.call.${call.direction}`)}
                  </Tag>
                  <RevealableValue
                    masked={call.phoneNumber}
                    canReveal={canReveal}
                    testId={`call-${call.id}`}
                    reveal={async (reason) =>
                      (await revealTicketValue(ticket.id, { target: 'call', key: call.id, reason })).value
                    }
                  />
                  <Typography.Text type="secondary">
                    {formatDateTime(call.startedAt)} ·{' '}
                    {t('tickets.call.lasted', { minutes: (call.durationSeconds / 60).toFixed(1) })}
                    {call.recordedBy ? ` · ${call.recordedBy.name}` : ''}
                  </Typography.Text>
                </Flex>
                {call.summary ? (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{call.summary}</Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
      <TicketActionModal<{ call: CallLogFormValues }>
        ticket={ticket}
        open={logging}
        title={t('tickets.call.log')}
        okText={t('common.save')}
        onClose={() => setLogging(false)}
        fieldNames={['call.phoneNumber', 'call.summary']}
        testId="call-dialog"
        submit={(values) => logCall(ticket.id, callLogBody(values.call))}
      >
        <CallLogFields prefix="call" />
      </TicketActionModal>
    </Card>
  );
}
