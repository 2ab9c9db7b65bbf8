import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import type { TicketTaskDetailView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { completeTask, getTask, taskKey, tasksKey } from '../api/tasks';
import { getTicket, ticketKey, ticketsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { usePermission } from '../auth/usePermission';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { EditTaskModal } from '../tickets/EditTaskModal';
import { RestrictedTicketFacts } from '../tickets/RestrictedTicketFacts';
import { TaskStatusTag, TaskThread } from '../tickets/TicketTasksCard';
import { testId } from '../tickets/testId';
import { TASK_POLL_MS } from './polling';

/** One task: what to do, the ticket facts it needs, its thread, and marking it done with the result. */
export function TaskDetail({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [completing, setCompleting] = useState(false);
  const [editing, setEditing] = useState(false);
  // Staff hand tasks out and change them; department users reply and mark them done.
  const canEdit = usePermission('tickets.write');
  const task = useQuery({
    queryKey: taskKey(taskId),
    queryFn: ({ signal }) => getTask(taskId, signal),
    refetchInterval: TASK_POLL_MS,
  });
  const ticketId = task.data?.ticket.id;
  const ticket = useQuery({
    queryKey: ticketKey(ticketId ?? ''),
    queryFn: ({ signal }) => getTicket(ticketId ?? '', signal),
    enabled: ticketId !== undefined,
    refetchInterval: TASK_POLL_MS,
  });

  if (task.isPending) return <Skeleton active />;
  if (task.isError) return <ErrorAlert error={task.error} />;
  const view = task.data;
  return (
    <Flex vertical gap={16} data-testid="task-detail">
      <Card
        size="small"
        title={
          <Space size={8}>
            <span>{view.title}</span>
            <TaskStatusTag task={view} />
          </Space>
        }
        extra={
          view.status === 'open' ? (
            <Space size={8}>
              {canEdit ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-task">
                  {t('tickets.tasks.edit')}
                </Button>
              ) : null}
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setCompleting(true)}
                data-testid="complete-task"
              >
                {t('ticketTasks.complete')}
              </Button>
            </Space>
          ) : null
        }
      >
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'team', label: t('tickets.tasks.team'), children: view.team.name },
            {
              key: 'owner',
              label: t('tickets.tasks.owner'),
              children: view.owner?.name ?? t('tickets.tasks.anyMember'),
            },
            ...(view.dueAt
              ? [{ key: 'due', label: t('tickets.tasks.dueAt'), children: formatDateTime(view.dueAt) }]
              : []),
            { key: 'from', label: t('ticketTasks.from'), children: view.createdBy?.name ?? '—' },
            ...(view.instructions
              ? [
                  {
                    key: 'instructions',
                    label: t('tickets.tasks.instructions'),
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{view.instructions}</span>,
                  },
                ]
              : []),
            ...(view.status === 'done'
              ? [
                  {
                    key: 'result',
                    label: t('ticketTasks.result'),
                    children: t('tickets.tasks.result', { name: view.completedBy?.name ?? '', result: view.result }),
                  },
                ]
              : []),
          ]}
        />
        <Typography.Title level={5}>{t('tickets.tasks.thread')}</Typography.Title>
        <TaskThread taskId={taskId} canReply={view.status !== 'cancelled'} />
      </Card>
      {ticket.data?.access === 'restricted' ? <RestrictedTicketFacts ticket={ticket.data} /> : null}
      {ticket.data?.access === 'full' ? (
        <Card size="small" title={t('ticketTasks.ticket')}>
          <Link to={`/tickets/${ticket.data.id}`}>
            {ticket.data.number} · {ticket.data.title}
          </Link>
        </Card>
      ) : null}
      {ticket.isError ? <ErrorAlert error={ticket.error} /> : null}
      <CompleteTaskModal task={view} open={completing} onClose={() => setCompleting(false)} />
      {editing ? <EditTaskModal task={view} open onClose={() => setEditing(false)} /> : null}
    </Flex>
  );
}

function CompleteTaskModal({ task, open, onClose }: { task: TicketTaskDetailView; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ result: string }>();
  const complete = useMutation({
    mutationFn: (result: string) => completeTask(task.id, { version: task.version, result }),
    onSuccess: (detail) => {
      queryClient.setQueryData(taskKey(task.id), detail);
      void queryClient.invalidateQueries({ queryKey: tasksKey });
      void queryClient.invalidateQueries({ queryKey: ticketsKey });
      message.success(t('ticketTasks.completed'));
      onClose();
    },
    onError: (error) => {
      // Someone changed the task meanwhile (reassigned, cancelled): show it as it is now.
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        void queryClient.invalidateQueries({ queryKey: taskKey(task.id) });
        message.warning(t('ticketTasks.conflict'));
        onClose();
        return;
      }
      message.error(errorMessage(error));
    },
  });
  return (
    <Modal
      open={open}
      title={t('ticketTasks.complete')}
      okText={t('ticketTasks.complete')}
      okButtonProps={{ htmlType: 'submit', form: 'complete-task', ...testId('complete-task-ok') }}
      confirmLoading={complete.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="complete-task"
        layout="vertical"
        onFinish={({ result }) => complete.mutate(result.trim())}
      >
        <Form.Item
          name="result"
          label={t('ticketTasks.result')}
          extra={t('ticketTasks.resultHelp')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="task-result-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
