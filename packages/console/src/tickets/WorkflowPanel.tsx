import { CheckOutlined, CloseOutlined, PhoneOutlined, SendOutlined, SolutionOutlined } from '@ant-design/icons';
import { CONTACT_CHANNELS, type TicketView, type TransitionOption } from '@kefu/shared';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  decideApproval,
  proposeResolution,
  recordCustomerDecision,
  recordFollowUp,
  transitionTicket,
} from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { blockerText } from './blockerText';
import { TicketActionModal } from './TicketActionModal';
import { useTicketType } from './useTicketTypes';

type Dialog =
  | { kind: 'transition'; transition: TransitionOption }
  | { kind: 'propose' }
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'decision' }
  | { kind: 'followUp' };

/**
 * What can be done with the ticket now: the manual transitions the server lists for this user (a disabled one
 * says why in its tooltip) and the forms for the events the state waits for (propose a resolution, approve or
 * reject it, record the customer's decision, record the follow-up).
 */
export function WorkflowPanel({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const canWrite = usePermission('tickets.write');
  const canApprove = usePermission('tickets.approve');
  const type = useTicketType(ticket.type.id);
  const form = type?.fields ?? [];
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const awaiting = new Set(ticket.awaiting);
  const resolution = ticket.resolution;
  const pendingResolution = resolution?.status === 'pending' ? resolution : null;
  const approvedUndecided = resolution?.status === 'approved' && resolution.customerDecision === null;
  const close = () => setDialog(null);

  const hints: string[] = [];
  if (awaiting.has('resolution.approved') && pendingResolution && !canApprove)
    hints.push(t('tickets.workflow.waitingApproval'));
  if (awaiting.has('customer.accepted') && approvedUndecided) hints.push(t('tickets.workflow.waitingCustomer'));
  if (awaiting.has('tasks.done') && ticket.openTaskCount > 0) {
    hints.push(t('tickets.workflow.waitingTasks', { count: ticket.openTaskCount }));
  }

  const actions = [
    ...ticket.transitions.map((transition) => (
      <Tooltip
        key={transition.key}
        title={
          transition.allowed ? undefined : (
            <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="transition-blockers">
              {transition.blockers.map((blocker) => (
                <li key={blocker.code}>{blockerText(blocker, form, t)}</li>
              ))}
            </ul>
          )
        }
      >
        {/* A disabled button gets no pointer events in browsers: the wrapper is what shows the reasons on hover. */}
        <span style={{ display: 'inline-block', cursor: transition.allowed ? undefined : 'not-allowed' }}>
          <Button
            disabled={!canWrite || !transition.allowed}
            onClick={() => setDialog({ kind: 'transition', transition })}
            style={transition.allowed ? undefined : { pointerEvents: 'none' }}
            data-testid={`transition-${transition.key}`}
          >
            {transition.name}
          </Button>
        </span>
      </Tooltip>
    )),
  ];
  if (canWrite && awaiting.has('resolution.proposed')) {
    actions.push(
      <Button
        key="propose"
        type="primary"
        icon={<SolutionOutlined />}
        onClick={() => setDialog({ kind: 'propose' })}
        data-testid="propose-resolution"
      >
        {t('tickets.resolution.propose')}
      </Button>,
    );
  }
  if (canApprove && pendingResolution && awaiting.has('resolution.approved')) {
    actions.push(
      <Button
        key="approve"
        type="primary"
        icon={<CheckOutlined />}
        onClick={() => setDialog({ kind: 'approve' })}
        data-testid="approve-resolution"
      >
        {t('tickets.approval.approve')}
      </Button>,
      <Button
        key="reject"
        danger
        icon={<CloseOutlined />}
        onClick={() => setDialog({ kind: 'reject' })}
        data-testid="reject-resolution"
      >
        {t('tickets.approval.reject')}
      </Button>,
    );
  }
  if (canWrite && approvedUndecided && awaiting.has('customer.accepted')) {
    actions.push(
      <Button
        key="decision"
        icon={<PhoneOutlined />}
        onClick={() => setDialog({ kind: 'decision' })}
        data-testid="record-decision"
      >
        {t('tickets.decision.record')}
      </Button>,
    );
  }
  if (canWrite && awaiting.has('followUp.satisfied')) {
    actions.push(
      <Button
        key="followUp"
        type="primary"
        icon={<SendOutlined />}
        onClick={() => setDialog({ kind: 'followUp' })}
        data-testid="record-follow-up"
      >
        {t('tickets.followUp.record')}
      </Button>,
    );
  }

  return (
    <Card size="small" title={t('tickets.workflow.title')} style={{ marginBottom: 16 }} data-testid="workflow-panel">
      {actions.length > 0 ? (
        <Flex gap={8} wrap>
          {actions}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('tickets.workflow.nothing')}</Typography.Text>
      )}
      {hints.map((hint) => (
        <Alert key={hint} type="info" showIcon title={hint} style={{ marginTop: 12 }} />
      ))}

      <TicketActionModal<{ comment?: string }>
        ticket={ticket}
        open={dialog?.kind === 'transition'}
        title={dialog?.kind === 'transition' ? dialog.transition.name : ''}
        okText={t('common.confirm')}
        onClose={close}
        fieldNames={['comment']}
        testId="transition-dialog"
        submit={(values, version) =>
          transitionTicket(ticket.id, {
            transition: dialog?.kind === 'transition' ? dialog.transition.key : '',
            version,
            comment: values.comment?.trim() ?? '',
          })
        }
      >
        {dialog?.kind === 'transition' ? (
          <Typography.Paragraph>
            {t('tickets.workflow.moveTo', { from: ticket.state.name, to: dialog.transition.to.name })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item name="comment" label={t('tickets.workflow.comment')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
      </TicketActionModal>

      <TicketActionModal<{ summary: string; compensationAmount?: number }>
        ticket={ticket}
        open={dialog?.kind === 'propose'}
        title={t('tickets.resolution.propose')}
        okText={t('tickets.resolution.submit')}
        onClose={close}
        fieldNames={['summary', 'compensationAmount']}
        testId="propose-dialog"
        initialValues={{ compensationAmount: 0 }}
        submit={(values, version) =>
          proposeResolution(ticket.id, {
            version,
            summary: values.summary.trim(),
            compensationAmount: values.compensationAmount ?? 0,
          })
        }
      >
        <Form.Item
          name="summary"
          label={t('tickets.resolution.summary')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          name="compensationAmount"
          label={t('tickets.resolution.compensation')}
          extra={
            type?.workflow.secondApprovalAbove != null
              ? t('tickets.resolution.secondApproval', { amount: type.workflow.secondApprovalAbove })
              : undefined
          }
        >
          <InputNumber min={0} max={10_000_000} precision={2} prefix="¥" style={{ width: 200 }} />
        </Form.Item>
      </TicketActionModal>

      <TicketActionModal<{ reason?: string }>
        ticket={ticket}
        open={dialog?.kind === 'approve' || dialog?.kind === 'reject'}
        title={t(dialog?.kind === 'reject' ? 'tickets.approval.rejectTitle' : 'tickets.approval.approveTitle')}
        okText={t(dialog?.kind === 'reject' ? 'tickets.approval.reject' : 'tickets.approval.approve')}
        danger={dialog?.kind === 'reject'}
        onClose={close}
        fieldNames={['reason']}
        testId="approval-dialog"
        submit={(values) =>
          decideApproval(ticket.id, {
            resolutionId: pendingResolution?.id ?? '',
            decision: dialog?.kind === 'reject' ? 'reject' : 'approve',
            reason: values.reason?.trim() ?? '',
          })
        }
      >
        {pendingResolution ? (
          <Typography.Paragraph>
            <Typography.Text strong>{pendingResolution.summary}</Typography.Text>
            <br />
            {t('tickets.resolution.amount', { amount: pendingResolution.compensationAmount.toFixed(2) })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="reason"
          label={t(dialog?.kind === 'reject' ? 'tickets.approval.reason' : 'tickets.approval.note')}
          rules={
            dialog?.kind === 'reject' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []
          }
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </TicketActionModal>

      <TicketActionModal<{ decision: 'accept' | 'reject'; channel: (typeof CONTACT_CHANNELS)[number]; note?: string }>
        ticket={ticket}
        open={dialog?.kind === 'decision'}
        title={t('tickets.decision.record')}
        okText={t('common.save')}
        onClose={close}
        fieldNames={['decision', 'channel', 'note']}
        testId="decision-dialog"
        initialValues={{ decision: 'accept', channel: 'phone' }}
        submit={(values, version) =>
          recordCustomerDecision(ticket.id, {
            version,
            resolutionId: resolution?.id ?? '',
            decision: values.decision,
            channel: values.channel,
            note: values.note?.trim() ?? '',
          })
        }
      >
        <Form.Item name="decision" label={t('tickets.decision.label')}>
          <Radio.Group
            options={[
              { value: 'accept', label: t('tickets.decision.accept') },
              { value: 'reject', label: t('tickets.decision.reject') },
            ]}
          />
        </Form.Item>
        <ChannelSelect />
        <Form.Item name="note" label={t('tickets.decision.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </TicketActionModal>

      <TicketActionModal<{
        satisfied: boolean;
        channel: (typeof CONTACT_CHANNELS)[number];
        contactedAt?: Dayjs;
        notes?: string;
      }>
        ticket={ticket}
        open={dialog?.kind === 'followUp'}
        title={t('tickets.followUp.record')}
        okText={t('common.save')}
        onClose={close}
        fieldNames={['satisfied', 'channel', 'contactedAt', 'notes']}
        testId="follow-up-dialog"
        initialValues={{ channel: 'phone', contactedAt: dayjs() }}
        submit={(values, version) =>
          recordFollowUp(ticket.id, {
            version,
            satisfied: values.satisfied,
            channel: values.channel,
            contactedAt: values.contactedAt?.format(),
            notes: values.notes?.trim() ?? '',
          })
        }
      >
        <Form.Item
          name="satisfied"
          label={t('tickets.followUp.satisfied')}
          rules={[{ required: true, message: t('tickets.followUp.chooseOutcome') }]}
        >
          <Radio.Group
            options={[
              { value: true, label: t('tickets.followUp.yes') },
              { value: false, label: t('tickets.followUp.no') },
            ]}
          />
        </Form.Item>
        <ChannelSelect />
        <Form.Item name="contactedAt" label={t('tickets.followUp.contactedAt')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(date) => date.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('tickets.followUp.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </TicketActionModal>
    </Card>
  );
}

function ChannelSelect() {
  const { t } = useTranslation();
  return (
    <Form.Item name="channel" label={t('tickets.channels.label')}>
      <Select options={CONTACT_CHANNELS.map((value) => ({ value, label: t(`tickets.channels.${value}`) }))} />
    </Form.Item>
  );
}
