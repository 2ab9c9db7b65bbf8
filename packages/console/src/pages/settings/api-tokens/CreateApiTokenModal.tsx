import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiTokensKey, createApiToken } from '../../../api/apiTokens';
import { CopyableSecret } from '../../../components/CopyableSecret';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { useServerFormErrors } from '../../../forms/useServerFormErrors';

const formId = 'create-api-token';
const NEVER = 'never';
const EXPIRY_DAYS = [7, 30, 90, 365] as const;

interface CreateApiTokenValues {
  name: string;
  expiry: (typeof EXPIRY_DAYS)[number] | typeof NEVER;
}

/** Asks for a name and lifetime, then shows the new token's secret — the only time it can be seen. */
export function CreateApiTokenModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [form] = Form.useForm<CreateApiTokenValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);

  const mutation = useMutation({
    mutationFn: createApiToken,
    onMutate: clearError,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
    onError: handleError,
  });

  if (mutation.data) {
    return (
      <Modal
        open
        title={t('apiTokens.secretTitle')}
        onCancel={onClose}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('apiTokens.secretWarning')} style={{ marginBottom: 16 }} />
        <CopyableSecret value={mutation.data.secret} testId="api-token-secret" />
      </Modal>
    );
  }

  const expiryOptions = [
    ...EXPIRY_DAYS.map((days) => ({ value: days, label: t('apiTokens.expiryDays', { days }) })),
    { value: NEVER, label: t('apiTokens.neverExpires') },
  ];

  return (
    <Modal
      open
      title={t('apiTokens.createTitle')}
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
        initialValues={{ expiry: 90 }}
        onFinish={({ name, expiry }) => mutation.mutate({ name, expiresInDays: expiry === NEVER ? null : expiry })}
      >
        <Form.Item name="name" label={t('apiTokens.name')} rules={rules.name}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="expiry" label={t('apiTokens.expiry')}>
          <Select options={expiryOptions} />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
