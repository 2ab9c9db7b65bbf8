import type { CreateUserBody } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createUser, usersKey } from '../../../api/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRoleOptions } from '../../../components/useRoleOptions';
import { useFormRules } from '../../../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../../../forms/useServerFormErrors';

const formId = 'create-user';

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<CreateUserBody>();
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ EMAIL_TAKEN: { field: 'email', message: t('errors.EMAIL_TAKEN') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const mutation = useMutation({
    mutationFn: createUser,
    onMutate: clearError,
    onSuccess: async (user) => {
      message.success(t('users.created', { name: user.name }));
      await queryClient.invalidateQueries({ queryKey: usersKey });
      onClose();
    },
    onError: handleError,
  });

  return (
    <Modal
      open
      title={t('users.createTitle')}
      okText={t('common.create')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'agent' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item name="email" label={t('users.email')} rules={rules.email}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={rules.name}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={rules.required}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="password" label={t('users.initialPassword')} rules={rules.newPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
