import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../api/auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormRules } from '../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../forms/useServerFormErrors';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<ChangePasswordValues>();
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ VALIDATION_FAILED: { field: 'currentPassword', message: t('password.wrongCurrent') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const mutation = useMutation({
    mutationFn: changePassword,
    onMutate: clearError,
    onSuccess: () => {
      message.success(t('password.changed'));
      form.resetFields();
      onChanged?.();
    },
    onError: handleError,
  });

  return (
    <Form
      form={form}
      name="change-password"
      layout="vertical"
      requiredMark={false}
      onFinish={({ currentPassword, newPassword }) => mutation.mutate({ currentPassword, newPassword })}
    >
      <Form.Item name="currentPassword" label={t('password.current')} rules={rules.required}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} rules={rules.newPassword}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={rules.sameAs('newPassword')}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {bannerError ? <ErrorAlert error={bannerError} /> : null}
      <Button type="primary" htmlType="submit" loading={mutation.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
