import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { acceptInvite, fetchInvite } from '../api/auth';
import { useErrorMessage } from '../api/useErrorMessage';
import { useSession } from '../auth/SessionContext';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormRules } from '../forms/useFormRules';
import { useServerFormErrors } from '../forms/useServerFormErrors';

interface AcceptInviteValues {
  name: string;
  password: string;
  confirmPassword: string;
}

export function AcceptInvitePage() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const navigate = useNavigate();
  const { signIn } = useSession();
  const rules = useFormRules();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<AcceptInviteValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);

  const invite = useQuery({ queryKey: ['invite', token], queryFn: () => fetchInvite(token), retry: false });
  const mutation = useMutation({
    mutationFn: acceptInvite,
    onMutate: clearError,
    onSuccess: (session) => {
      signIn(session);
      navigate('/', { replace: true });
    },
    onError: handleError,
  });

  if (invite.isPending) {
    return (
      <AuthCard title={t('invite.title')}>
        <Spin />
      </AuthCard>
    );
  }

  if (invite.isError) {
    return (
      <AuthCard title={t('invite.title')}>
        <Result
          status="warning"
          title={t('invite.invalidTitle')}
          subTitle={errorMessage(invite.error)}
          extra={<Link to="/login">{t('invite.toLogin')}</Link>}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('invite.title')} subtitle={t('invite.subtitle', { account: invite.data.accountName })}>
      <Form
        form={form}
        name="accept-invite"
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: invite.data.name }}
        onFinish={({ name, password }) => mutation.mutate({ token, name, password })}
      >
        <Form.Item label={t('invite.email')} htmlFor="accept-invite_email">
          <Input id="accept-invite_email" value={invite.data.email} readOnly autoComplete="username" />
        </Form.Item>
        <Form.Item name="name" label={t('invite.name')} rules={rules.name}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="password" label={t('invite.password')} rules={rules.newPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('invite.confirmPassword')}
          dependencies={['password']}
          rules={rules.sameAs('password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
        <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
          {t('invite.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
