import type { AccountView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type AccountChanges, accountKey, fetchAccount, updateAccount } from '../../api/account';
import { useSession } from '../../auth/SessionContext';
import { usePermission } from '../../auth/usePermission';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormRules } from '../../forms/useFormRules';
import { useServerFormErrors } from '../../forms/useServerFormErrors';
import { useLocaleOptions } from '../../i18n/useLocaleOptions';
import { allTimeZones } from './timeZones';

type WorkspaceValues = Pick<AccountView, 'name' | 'locale' | 'timezone'>;

function changedFields(values: WorkspaceValues, account: AccountView): AccountChanges {
  return {
    ...(values.name !== account.name && { name: values.name }),
    ...(values.locale !== account.locale && { locale: values.locale }),
    ...(values.timezone !== account.timezone && { timezone: values.timezone }),
  };
}

export function WorkspacePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { session, replaceSession } = useSession();
  const canEdit = usePermission('account.update');
  const rules = useFormRules();
  const localeOptions = useLocaleOptions();
  const [form] = Form.useForm<WorkspaceValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);
  const account = useQuery({ queryKey: accountKey, queryFn: fetchAccount });

  const timeZoneOptions = useMemo(() => {
    const zones = allTimeZones();
    const current = account.data?.timezone;
    const withCurrent = current && !zones.includes(current) ? [current, ...zones] : zones;
    return withCurrent.map((zone) => ({ value: zone, label: zone }));
  }, [account.data?.timezone]);

  const mutation = useMutation({
    mutationFn: updateAccount,
    onMutate: clearError,
    onSuccess: (updated) => {
      queryClient.setQueryData(accountKey, updated);
      // The header shows the workspace name from the session.
      if (session) replaceSession({ ...session, account: { ...session.account, name: updated.name } });
      message.success(t('common.saved'));
    },
    onError: handleError,
  });

  return (
    <>
      <PageHeader title={t('workspace.title')} />
      <Card style={{ maxWidth: 560 }}>
        {account.isPending ? <Skeleton active /> : null}
        {account.isError ? <ErrorAlert error={account.error} /> : null}
        {account.data ? (
          <Form
            key={account.data.id}
            form={form}
            name="workspace"
            layout="vertical"
            requiredMark={false}
            disabled={!canEdit}
            initialValues={{ name: account.data.name, locale: account.data.locale, timezone: account.data.timezone }}
            onFinish={(values) => {
              const changes = changedFields(values, account.data);
              if (Object.keys(changes).length > 0) mutation.mutate(changes);
              else message.success(t('common.saved'));
            }}
          >
            {canEdit ? null : (
              <Alert type="info" showIcon title={t('workspace.readOnlyHint')} style={{ marginBottom: 16 }} />
            )}
            <Form.Item name="name" label={t('workspace.name')} rules={rules.name}>
              <Input />
            </Form.Item>
            <Form.Item name="locale" label={t('workspace.locale')}>
              <Select options={localeOptions} />
            </Form.Item>
            <Form.Item name="timezone" label={t('workspace.timezone')} rules={rules.required}>
              <Select showSearch options={timeZoneOptions} />
            </Form.Item>
            {bannerError ? <ErrorAlert error={bannerError} /> : null}
            {canEdit ? (
              <Button type="primary" htmlType="submit" loading={mutation.isPending}>
                {t('common.save')}
              </Button>
            ) : null}
          </Form>
        ) : null}
      </Card>
    </>
  );
}
