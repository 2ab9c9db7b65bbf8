import type { Locale } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../account/ChangePasswordForm';
import { updateProfile } from '../api/auth';
import { useSession, useSignedInSession } from '../auth/SessionContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { useFormRules } from '../forms/useFormRules';
import { useServerFormErrors } from '../forms/useServerFormErrors';
import { useLocaleOptions } from '../i18n/useLocaleOptions';

interface ProfileValues {
  name: string;
  locale: Locale;
}

export function ProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSignedInSession();
  const { replaceSession } = useSession();
  const rules = useFormRules();
  const localeOptions = useLocaleOptions();
  const [form] = Form.useForm<ProfileValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);

  const mutation = useMutation({
    mutationFn: updateProfile,
    onMutate: clearError,
    onSuccess: (session) => {
      replaceSession(session);
      message.success(t('profile.saved'));
    },
    onError: handleError,
  });

  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Card style={{ maxWidth: 560, marginBottom: 24 }}>
        <Form
          form={form}
          name="profile"
          layout="vertical"
          requiredMark={false}
          initialValues={{ name: user.name, locale: user.locale }}
          key={user.locale}
          onFinish={(values) => {
            const changes = {
              ...(values.name !== user.name && { name: values.name }),
              ...(values.locale !== user.locale && { locale: values.locale }),
            };
            if (Object.keys(changes).length > 0) mutation.mutate(changes);
            else message.success(t('profile.saved'));
          }}
        >
          <Form.Item label={t('profile.email')} htmlFor="profile_email">
            <Input id="profile_email" value={user.email} readOnly />
          </Form.Item>
          <Form.Item name="name" label={t('profile.name')} rules={rules.name}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="locale" label={t('profile.locale')}>
            <Select options={localeOptions} />
          </Form.Item>
          {bannerError ? <ErrorAlert error={bannerError} /> : null}
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('password.title')} style={{ maxWidth: 560 }}>
        <ChangePasswordForm />
      </Card>
    </>
  );
}
