import { TEAM_KINDS, type TeamView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createTeam, teamsKey, updateTeam } from '../../../api/teams';
import { listUsers, usersKey, usersListKey } from '../../../api/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../../../forms/useServerFormErrors';
import { ChatLimitFormItem } from '../../../presence/ChatLimitFormItem';

const formId = 'team';

type TeamValues = Pick<TeamView, 'name' | 'kind' | 'description' | 'memberIds' | 'chatLimit'>;

/** Creates a team, or edits `team` when given. */
export function TeamFormModal({ team, onClose }: { team?: TeamView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [form] = Form.useForm<TeamValues>();
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ CONFLICT: { field: 'name', message: t('teams.nameTaken') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);
  const users = useQuery({ queryKey: usersListKey(), queryFn: () => listUsers() });

  const mutation = useMutation({
    mutationFn: (values: TeamValues) => (team ? updateTeam(team.id, values) : createTeam(values)),
    onMutate: clearError,
    onSuccess: async (saved) => {
      message.success(t(team ? 'teams.updated' : 'teams.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: teamsKey });
      // Users list their teams, so membership changes show there too.
      await queryClient.invalidateQueries({ queryKey: usersKey });
      onClose();
    },
    onError: handleError,
  });

  const initialValues: TeamValues = team
    ? {
        name: team.name,
        kind: team.kind,
        description: team.description,
        memberIds: team.memberIds,
        chatLimit: team.chatLimit,
      }
    : { name: '', kind: 'skill', description: '', memberIds: [], chatLimit: null };

  return (
    <Modal
      open
      title={t(team ? 'teams.editTitle' : 'teams.createTitle')}
      okText={t(team ? 'common.save' : 'common.create')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={(values) =>
          // An emptied limit field means no team limit.
          mutation.mutate({ ...values, description: values.description ?? '', chatLimit: values.chatLimit ?? null })
        }
      >
        <Form.Item name="name" label={t('teams.name')} rules={rules.name}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('teams.kind')}>
          <Radio.Group
            optionType="button"
            options={TEAM_KINDS.map((kind) => ({ value: kind, label: t(`teamKinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('teams.description')} rules={rules.description}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('teams.members')}>
          <Select
            mode="multiple"
            placeholder={t('teams.membersPlaceholder')}
            loading={users.isPending}
            optionFilterProp="label"
            options={users.data?.items.map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }))}
          />
        </Form.Item>
        <ChatLimitFormItem scope="team" />
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
