import type { TicketTaskView, UpdateTaskBody } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { taskKey, tasksKey, updateTask } from '../api/tasks';
import { ticketsKey } from '../api/tickets';
import { ErrorAlert } from '../components/ErrorAlert';
import { placeFieldIssues } from './fieldValues';
import { TASK_FORM_FIELDS, TaskFormFields, type TaskFormValues } from './TaskFormFields';

/** What the form changed, with the task's version; nothing changed: null. */
export function taskChanges(task: TicketTaskView, values: TaskFormValues): UpdateTaskBody | null {
  const changes: Partial<UpdateTaskBody> = {};
  const ownerId = values.ownerId ?? null;
  const dueAt = values.dueAt ? values.dueAt.format() : null;
  const title = values.title.trim();
  const instructions = values.instructions?.trim() ?? '';
  if (values.teamId !== task.team.id) changes.teamId = values.teamId;
  // With a new team the owner is always said, so "any member" is not read as "keep the old owner".
  if (ownerId !== (task.owner?.id ?? null) || changes.teamId) changes.ownerId = ownerId;
  if (title !== task.title) changes.title = title;
  if (instructions !== task.instructions) changes.instructions = instructions;
  const dueBefore = task.dueAt === null ? null : Date.parse(task.dueAt);
  if ((dueAt === null ? null : Date.parse(dueAt)) !== dueBefore) changes.dueAt = dueAt;
  return Object.keys(changes).length === 0 ? null : { version: task.version, ...changes };
}

/**
 * Staff change an open task: department, owner, task, instructions and due time, sent with the version read. When
 * someone changed the task meanwhile the server answers CONFLICT: the task is read again and the user told.
 */
export function EditTaskModal({ task, open, onClose }: { task: TicketTaskView; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TaskFormValues>();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ticketsKey });
    void queryClient.invalidateQueries({ queryKey: tasksKey });
  };
  const save = useMutation({
    mutationFn: (body: UpdateTaskBody) => updateTask(task.id, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(taskKey(task.id), detail);
      refresh();
      message.success(t('common.saved'));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        refresh();
        message.warning(t('ticketTasks.conflict'));
        onClose();
        return;
      }
      placeFieldIssues(form, error, TASK_FORM_FIELDS);
    },
  });
  const submit = (values: TaskFormValues) => {
    const body = taskChanges(task, values);
    if (body) save.mutate(body);
    else onClose();
  };
  return (
    <Modal
      open={open}
      title={t('tickets.tasks.edit')}
      okText={t('common.save')}
      okButtonProps={{ htmlType: 'submit', form: `edit-task-${task.id}` }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="edit-task-dialog"
    >
      <Form<TaskFormValues>
        form={form}
        name={`edit-task-${task.id}`}
        layout="vertical"
        preserve={false}
        initialValues={{
          teamId: task.team.id,
          ownerId: task.owner?.id,
          title: task.title,
          instructions: task.instructions,
          dueAt: task.dueAt ? dayjs(task.dueAt) : null,
        }}
        onFinish={submit}
      >
        <TaskFormFields form={form} />
      </Form>
      {save.isError && !(save.error instanceof ApiError && save.error.code === 'CONFLICT') ? (
        <ErrorAlert error={save.error} />
      ) : null}
    </Modal>
  );
}
