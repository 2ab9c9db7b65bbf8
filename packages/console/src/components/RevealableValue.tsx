import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/**
 * A masked personal value and, for those allowed to (`contacts.reveal`, checked by the caller), a button that asks
 * why and shows the value in full; the server audits every reveal with that reason.
 */
export function RevealableValue({
  masked,
  reveal,
  canReveal,
  testId,
  button,
  title,
}: {
  masked: string | null;
  reveal: (reason: string) => Promise<string | null>;
  canReveal: boolean;
  testId: string;
  /** The reveal button's and the dialog's wording, when the generic 查看 / 查看完整信息 says too little. */
  button?: string;
  title?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState<string | null | undefined>(undefined);
  const [form] = Form.useForm<{ reason: string }>();
  const mutation = useMutation({
    mutationFn: reveal,
    onSuccess: (value) => {
      setRevealed(value);
      setAsking(false);
    },
  });
  const buttonLabel = button ?? t('reveal.button');

  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (revealed !== undefined) {
    return (
      <Typography.Text copyable={revealed ? { text: revealed } : false} data-testid={`revealed-${testId}`}>
        {revealed ?? '—'}
      </Typography.Text>
    );
  }
  return (
    <Flex gap={4} align="center" wrap component="span">
      <Typography.Text data-testid={`masked-${testId}`}>{masked}</Typography.Text>
      {canReveal ? (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          onClick={() => setAsking(true)}
          style={{ padding: 0 }}
          data-testid={`reveal-${testId}`}
        >
          {buttonLabel}
        </Button>
      ) : null}
      <Modal
        open={asking}
        title={title ?? t('reveal.title')}
        okText={buttonLabel}
        okButtonProps={{ htmlType: 'submit', form: `reveal-${testId}` }}
        confirmLoading={mutation.isPending}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('reveal.explain')}</Typography.Paragraph>
        <Form
          form={form}
          name={`reveal-${testId}`}
          layout="vertical"
          requiredMark={false}
          onFinish={({ reason }) => mutation.mutate(reason.trim())}
        >
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { min: 2, message: t('reveal.reasonShort') },
              { max: 200, message: t('validation.maxLength', { max: 200 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </Form>
        {mutation.isError ? <ErrorAlert error={mutation.error} /> : null}
      </Modal>
    </Flex>
  );
}
