import { TASK_LIMITS } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Form, type FormInstance, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { listTeamMembers, listTeams, teamMembersKey, teamsKey } from '../api/teams';
import { usePermission } from '../auth/usePermission';
import { FutureDateTimePicker } from '../components/FutureDateTimePicker';

/** A task's form as Ant Design holds it; `ownerId` empty: any member of the team may take it. */
export interface TaskFormValues {
  teamId: string;
  ownerId?: string;
  title: string;
  instructions?: string;
  dueAt?: Dayjs | null;
}

/** The form names the server's `body.<field>` problems land on. */
export const TASK_FORM_FIELDS = new Set(['teamId', 'ownerId', 'title', 'instructions', 'dueAt', 'shareContact']);

/**
 * Who does a task and what: the department, an owner among that department's active members (its members are read
 * from `GET /api/teams/:id/members`, since the agent directory leaves department users out), the task, its
 * instructions and due time. Choosing another department clears the owner.
 */
export function TaskFormFields({ form }: { form: FormInstance<TaskFormValues> }) {
  const { t } = useTranslation();
  const canReadTeams = usePermission('teams.read');
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const teamId = Form.useWatch('teamId', form);
  const members = useQuery({
    queryKey: teamMembersKey(teamId ?? ''),
    queryFn: ({ signal }) => listTeamMembers(teamId ?? '', signal),
    enabled: canReadTeams && Boolean(teamId),
    staleTime: 60_000,
  });
  // Departments first: tasks usually go to 技术部, 仓库 or 财务.
  const teamOptions = [...(teams.data?.items ?? [])]
    .sort((a, b) => Number(b.kind === 'department') - Number(a.kind === 'department'))
    .map((candidate) => ({
      value: candidate.id,
      label: candidate.kind === 'department' ? `${candidate.name}（${t('teamKinds.department')}）` : candidate.name,
    }));
  return (
    <>
      <Form.Item
        name="teamId"
        label={t('tickets.tasks.team')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Select
          options={teamOptions}
          loading={teams.isPending && canReadTeams}
          onChange={() => form.setFieldValue('ownerId', undefined)}
          data-testid="task-team"
        />
      </Form.Item>
      <Form.Item name="ownerId" label={t('tickets.tasks.owner')} extra={t('tickets.tasks.ownerHelp')}>
        <Select
          allowClear
          disabled={!teamId}
          loading={members.isFetching}
          placeholder={t('tickets.tasks.anyMember')}
          notFoundContent={t('tickets.tasks.noMembers')}
          options={(members.data?.items ?? [])
            .filter((member) => member.active)
            .map((member) => ({ value: member.id, label: member.name }))}
          data-testid="task-owner"
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('tickets.tasks.taskTitle')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input maxLength={TASK_LIMITS.titleMaxLength} />
      </Form.Item>
      <Form.Item name="instructions" label={t('tickets.tasks.instructions')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={TASK_LIMITS.instructionsMaxLength} />
      </Form.Item>
      <Form.Item name="dueAt" label={t('tickets.tasks.dueAt')}>
        <FutureDateTimePicker />
      </Form.Item>
    </>
  );
}
