import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { TASK_LIMITS, type TicketTaskView, type TicketView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getTask, replyToTask, taskKey, tasksKey, updateTask } from '../api/tasks';
import { createTask, ticketsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { usePermission } from '../auth/usePermission';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { AttachmentUpload, finishedUploadIds, stillUploading } from './AttachmentUpload';
import { EditTaskModal } from './EditTaskModal';
import { placeFieldIssues } from './fieldValues';
import { TASK_FORM_FIELDS, TaskFormFields, type TaskFormValues } from './TaskFormFields';
import { TicketFileLinks } from './TicketFileLinks';

const STATUS_COLORS: Record<TicketTaskView['status'], string> = {
  open: 'processing',
  done: 'success',
  cancelled: 'default',
};

export function TaskStatusTag({ task }: { task: TicketTaskView }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATUS_COLORS[task.status]} data-testid="task-status">
        {t(`tickets.tasks.statuses.${task.status}`)}
      </Tag>
      {task.overdue ? <Tag color="error">{t('tickets.tasks.overdue')}</Tag> : null}
    </>
  );
}

/** 协办任务: the ticket's department tasks, handing out a new one, cancelling and reopening, and each thread. */
export function TicketTasksCard({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const canWrite = usePermission('tickets.write');
  const [creating, setCreating] = useState(false);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const closed = ticket.state.category === 'closed';
  return (
    <Card
      size="small"
      title={t('tickets.tasks.title')}
      style={{ marginBottom: 16 }}
      extra={
        canWrite && !closed ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-task">
            {t('tickets.tasks.new')}
          </Button>
        ) : null
      }
      data-testid="ticket-tasks"
    >
      {ticket.tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.tasks.empty')} />
      ) : (
        <List
          size="small"
          dataSource={ticket.tasks}
          renderItem={(task) => (
            <TaskRow
              task={task}
              expanded={openTaskId === task.id}
              onToggle={() => setOpenTaskId(openTaskId === task.id ? null : task.id)}
              ticketClosed={closed}
            />
          )}
        />
      )}
      <NewTaskModal ticketId={ticket.id} open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function TaskRow({
  task,
  expanded,
  onToggle,
  ticketClosed,
}: {
  task: TicketTaskView;
  expanded: boolean;
  onToggle(): void;
  ticketClosed: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const canWrite = usePermission('tickets.write');
  const [editing, setEditing] = useState(false);
  const change = useMutation({
    mutationFn: (status: 'open' | 'cancelled') => updateTask(task.id, { version: task.version, status }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketsKey }),
    onError: (error) => {
      message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: ticketsKey });
    },
  });
  return (
    <List.Item
      data-testid="task-row"
      actions={[
        <Button key="thread" type="link" size="small" onClick={onToggle}>
          {expanded ? t('tickets.tasks.hideThread') : t('tickets.tasks.thread')}
        </Button>,
        ...(canWrite && task.status === 'open'
          ? [
              <Button
                key="edit"
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="edit-task"
              >
                {t('tickets.tasks.edit')}
              </Button>,
              <Button key="cancel" type="link" size="small" danger onClick={() => change.mutate('cancelled')}>
                {t('tickets.tasks.cancel')}
              </Button>,
            ]
          : []),
        ...(canWrite && task.status !== 'open' && !ticketClosed
          ? [
              <Button key="reopen" type="link" size="small" onClick={() => change.mutate('open')}>
                {t('tickets.tasks.reopen')}
              </Button>,
            ]
          : []),
      ]}
    >
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{task.title}</Typography.Text>
          <TaskStatusTag task={task} />
          {task.shareContact ? <Tag>{t('tickets.tasks.sharesContact')}</Tag> : null}
        </Flex>
        <Typography.Text type="secondary">
          {task.team.name} · {task.owner?.name ?? t('tickets.tasks.anyMember')}
          {task.dueAt ? ` · ${t('tickets.tasks.due', { at: formatDateTime(task.dueAt) })}` : ''}
        </Typography.Text>
        {task.instructions ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {task.instructions}
          </Typography.Paragraph>
        ) : null}
        {task.status === 'done' ? (
          <Typography.Text data-testid="task-result">
            {t('tickets.tasks.result', { name: task.completedBy?.name ?? '', result: task.result })}
          </Typography.Text>
        ) : null}
        {expanded ? <TaskThread taskId={task.id} /> : null}
      </Flex>
      {editing ? <EditTaskModal task={task} open onClose={() => setEditing(false)} /> : null}
    </List.Item>
  );
}

/** The task's thread between the department and the ticket's staff; either side writes in it. */
export function TaskThread({ taskId, canReply = true }: { taskId: string; canReply?: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatDateTime = useFormatDateTime();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const task = useQuery({ queryKey: taskKey(taskId), queryFn: ({ signal }) => getTask(taskId, signal) });
  const reply = useMutation({
    mutationFn: (body: string) => replyToTask(taskId, body, finishedUploadIds(files)),
    onSuccess: (detail) => {
      setText('');
      setFiles([]);
      queryClient.setQueryData(taskKey(taskId), detail);
      void queryClient.invalidateQueries({ queryKey: ticketsKey });
      void queryClient.invalidateQueries({ queryKey: [...tasksKey, 'list'] });
    },
  });
  if (task.isError) return <ErrorAlert error={task.error} />;
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="task-thread">
      {(task.data?.replies ?? []).map((item) => (
        <div key={item.id} data-testid="task-reply">
          <Typography.Text strong>{item.author.name ?? ''}</Typography.Text>{' '}
          <Typography.Text type="secondary">{formatDateTime(item.createdAt)}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.body}</Typography.Paragraph>
          <TicketFileLinks files={item.files} />
        </div>
      ))}
      {task.isSuccess && task.data.replies.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.tasks.noReplies')}</Typography.Text>
      ) : null}
      {canReply ? (
        <Flex gap={8} align="start">
          <Input.TextArea
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoSize={{ minRows: 1, maxRows: 6 }}
            maxLength={5000}
            placeholder={t('tickets.tasks.replyPlaceholder')}
            aria-label={t('tickets.tasks.reply')}
            data-testid="task-reply-input"
          />
          <Button
            onClick={() => text.trim() && reply.mutate(text.trim())}
            loading={reply.isPending}
            disabled={text.trim() === '' || stillUploading(files)}
            data-testid="task-reply-send"
          >
            {t('tickets.tasks.reply')}
          </Button>
        </Flex>
      ) : null}
      {canReply ? (
        <AttachmentUpload
          small
          maxFiles={TASK_LIMITS.attachmentsPerReply}
          fileList={files}
          onChange={({ fileList }) => setFiles(fileList)}
        />
      ) : null}
      {reply.isError ? <ErrorAlert error={reply.error} /> : null}
    </Flex>
  );
}

interface NewTaskValues extends TaskFormValues {
  shareContact?: boolean;
}

function NewTaskModal({ ticketId, open, onClose }: { ticketId: string; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewTaskValues>();
  const create = useMutation({
    mutationFn: (values: NewTaskValues) =>
      createTask(ticketId, {
        teamId: values.teamId,
        ownerId: values.ownerId ?? null,
        title: values.title.trim(),
        instructions: values.instructions?.trim() ?? '',
        dueAt: values.dueAt ? values.dueAt.format() : null,
        shareContact: values.shareContact ?? false,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketsKey });
      form.resetFields();
      onClose();
    },
    onError: (error) => placeFieldIssues(form, error, TASK_FORM_FIELDS),
  });
  return (
    <Modal
      open={open}
      title={t('tickets.tasks.new')}
      okText={t('tickets.tasks.create')}
      okButtonProps={{ htmlType: 'submit', form: 'new-task' }}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="new-task-dialog"
    >
      <Form<NewTaskValues> form={form} name="new-task" layout="vertical" onFinish={(values) => create.mutate(values)}>
        <TaskFormFields form={form} />
        <Form.Item name="shareContact" valuePropName="checked" extra={t('tickets.tasks.shareContactHelp')}>
          <Checkbox>{t('tickets.tasks.shareContact')}</Checkbox>
        </Form.Item>
      </Form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
    </Modal>
  );
}
