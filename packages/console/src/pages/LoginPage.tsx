import type { LoginBody } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router-dom';
import { login } from '../api/auth';
import { safeNextPath } from '../auth/nextPath';
import { useSession } from '../auth/SessionContext';
import { AuthCard } from '../components/AuthCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormRules } from '../forms/useFormRules';

export function LoginPage() {
  const { t } = useTranslation();
  const { session, signIn } = useSession();
  const [searchParams] = useSearchParams();
  const rules = useFormRules();
  const mutation = useMutation({ mutationFn: login, onSuccess: signIn });

  if (session) return <Navigate to={safeNextPath(searchParams.get('next'))} replace />;

  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')}>
      <Form<LoginBody>
        name="login"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item name="email" label={t('login.email')} rules={rules.email}>
          <Input type="email" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={rules.required}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {mutation.error ? <ErrorAlert error={mutation.error} /> : null}
        <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
