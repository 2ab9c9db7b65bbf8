import { type Role, roleHasPermission, type UserView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { agentDirectoryKey } from '../../../api/agents';
import { sessionKey } from '../../../api/auth';
import { setChatLimit } from '../../../api/presence';
import { updateUser, usersKey } from '../../../api/users';
import { useSignedInSession } from '../../../auth/SessionContext';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRoleOptions } from '../../../components/useRoleOptions';
import { useFormRules } from '../../../forms/useFormRules';
import { useServerFormErrors } from '../../../forms/useServerFormErrors';
import { ChatLimitFormItem } from '../../../presence/ChatLimitFormItem';
import { useAgentDirectory } from '../../../presence/useAgentDirectory';

const formId = 'edit-user';

interface EditUserValues {
  name: string;
  role: Role;
  chatLimit?: number;
}

export function EditUserModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user: me } = useSignedInSession();
  const rules = useFormRules();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<EditUserValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);
  // Staff who take chats have a chat limit (routing); the directory carries it.
  const takesChats = roleHasPermission(user.role, 'presence.self');
  const directory = useAgentDirectory(takesChats);
  const currentLimit = directory.data?.items.find((agent) => agent.id === user.id)?.chatLimit;

  const mutation = useMutation({
    mutationFn: async ({ chatLimit, ...changes }: Partial<EditUserValues>) => {
      const updated = Object.keys(changes).length > 0 ? await updateUser(user.id, changes) : user;
      if (chatLimit !== undefined) await setChatLimit(user.id, chatLimit);
      return updated;
    },
    onMutate: clearError,
    onSuccess: async (updated) => {
      message.success(t('users.updated', { name: updated.name }));
      await queryClient.invalidateQueries({ queryKey: usersKey });
      await queryClient.invalidateQueries({ queryKey: agentDirectoryKey });
      // Editing yourself changes the name in the header and, with a new role, what you may see.
      if (user.id === me.id) await queryClient.invalidateQueries({ queryKey: sessionKey });
      onClose();
    },
    onError: handleError,
  });

  return (
    <Modal
      open
      title={t('users.editTitle')}
      okText={t('common.save')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: user.name, role: user.role }}
        onFinish={(values) => {
          const changes = {
            ...(values.name !== user.name && { name: values.name }),
            ...(values.role !== user.role && { role: values.role }),
            ...(values.chatLimit !== undefined && values.chatLimit !== currentLimit && { chatLimit: values.chatLimit }),
          };
          if (Object.keys(changes).length > 0) mutation.mutate(changes);
          else onClose();
        }}
      >
        <Form.Item label={t('users.email')} htmlFor="edit-user_email">
          <Input id="edit-user_email" value={user.email} readOnly />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={rules.name}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={rules.required}
          extra={user.id === me.id ? t('users.ownRoleHint') : undefined}
        >
          {/* The server refuses to let admins change their own role, so they cannot lock themselves out. */}
          <Select options={roleOptions} disabled={user.id === me.id} />
        </Form.Item>
        {takesChats && currentLimit !== undefined ? (
          <ChatLimitFormItem scope="agent" initialValue={currentLimit} />
        ) : null}
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
