import { MODERATION_LIMITS } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { importSensitiveWords, sensitiveWordsKey } from '../../../api/moderation';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { type ActionChoice, fromChoice, useActionOptions } from './actionOptions';

const formId = 'import-sensitive-words';

interface ImportValues {
  text: string;
  category: string;
  action: ActionChoice;
}

/** Pasting a list: one word per line, optionally `词,分类,拦截`; a bad line rejects the paste and is named. */
export function ImportWordsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const actionOptions = useActionOptions();
  const [form] = Form.useForm<ImportValues>();
  const [lineProblems, setLineProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  const mutation = useMutation({
    mutationFn: (values: ImportValues) =>
      importSensitiveWords({ text: values.text, category: values.category ?? '', action: fromChoice(values.action) }),
    onMutate: () => {
      setLineProblems([]);
      setError(null);
    },
    onSuccess: async (result) => {
      message.success(t('sensitiveWords.imported', { added: result.added, duplicates: result.duplicates }));
      await queryClient.invalidateQueries({ queryKey: sensitiveWordsKey });
      onClose();
    },
    onError: (failure) => {
      const problems =
        failure instanceof ApiError && failure.code === 'VALIDATION_FAILED'
          ? failure.fieldIssues.filter((issue) => issue.field === 'body.text').map((issue) => issue.issue)
          : [];
      if (problems.length > 0) setLineProblems(problems);
      else setError(failure);
    },
  });

  return (
    <Modal
      open
      width={640}
      title={t('sensitiveWords.importTitle')}
      okText={t('sensitiveWords.importOk')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={{ text: '', category: '', action: 'default' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Typography.Paragraph type="secondary">{t('sensitiveWords.importHint')}</Typography.Paragraph>
        <Form.Item
          name="text"
          label={t('sensitiveWords.importText')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            {
              max: MODERATION_LIMITS.importMaxChars,
              message: t('validation.maxLength', { max: MODERATION_LIMITS.importMaxChars }),
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 8, maxRows: 16 }}
            placeholder={'好评返现,营销\n加微信,引流,拦截\n退款'}
          />
        </Form.Item>
        <Form.Item name="category" label={t('sensitiveWords.importCategory')}>
          <Input autoComplete="off" maxLength={MODERATION_LIMITS.categoryMaxLength} />
        </Form.Item>
        <Form.Item name="action" label={t('sensitiveWords.importAction')}>
          <Select options={actionOptions} />
        </Form.Item>
        {lineProblems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            message={t('sensitiveWords.importProblems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="import-problems">
                {lineProblems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
      </Form>
    </Modal>
  );
}
