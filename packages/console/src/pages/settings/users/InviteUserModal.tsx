import { type InviteUserBody, LIMITS } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { inviteUser, usersKey } from '../../../api/users';
import { CopyableSecret } from '../../../components/CopyableSecret';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useRoleOptions } from '../../../components/useRoleOptions';
import { useFormRules } from '../../../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../../../forms/useServerFormErrors';

const formId = 'invite-user';

export function InviteUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<InviteUserBody>();
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ EMAIL_TAKEN: { field: 'email', message: t('errors.EMAIL_TAKEN') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const mutation = useMutation({
    mutationFn: inviteUser,
    onMutate: clearError,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
    onError: handleError,
  });

  if (mutation.data) {
    const inviteUrl = new URL(mutation.data.inviteUrl, window.location.origin).toString();
    return (
      <Modal
        open
        title={t('users.inviteReady')}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        }
      >
        <Typography.Paragraph>
          {t('users.inviteUrlHint', { email: mutation.data.user.email, days: LIMITS.inviteTtlDays })}
        </Typography.Paragraph>
        <CopyableSecret value={inviteUrl} testId="invite-url" />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('users.inviteTitle')}
      okText={t('users.inviteSend')}
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
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
