import type { UserView } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { resetUserPassword } from '../../../api/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { useServerFormErrors } from '../../../forms/useServerFormErrors';

const formId = 'reset-password';

interface ResetPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<ResetPasswordValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);

  const mutation = useMutation({
    mutationFn: (newPassword: string) => resetUserPassword(user.id, newPassword),
    onMutate: clearError,
    onSuccess: () => {
      message.success(t('users.passwordReset'));
      onClose();
    },
    onError: handleError,
  });

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.name })}
      okText={t('users.resetPassword')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        onFinish={({ newPassword }) => mutation.mutate(newPassword)}
      >
        <Form.Item name="newPassword" label={t('users.newPassword')} rules={rules.newPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('users.confirmPassword')}
          dependencies={['newPassword']}
          rules={rules.sameAs('newPassword')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
