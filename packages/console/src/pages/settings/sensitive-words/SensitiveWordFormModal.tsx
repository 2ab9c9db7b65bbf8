import { MODERATION_LIMITS, type SensitiveWordView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createSensitiveWord, sensitiveWordsKey, updateSensitiveWord } from '../../../api/moderation';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../../../forms/useServerFormErrors';
import { type ActionChoice, fromChoice, toChoice, useActionOptions } from './actionOptions';

const formId = 'sensitive-word';

interface WordValues {
  word: string;
  category: string;
  action: ActionChoice;
}

/** Adds a sensitive word, or edits `word` when given. */
export function SensitiveWordFormModal({ word, onClose }: { word?: SensitiveWordView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const actionOptions = useActionOptions();
  const [form] = Form.useForm<WordValues>();
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ CONFLICT: { field: 'word', message: t('sensitiveWords.wordTaken') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const mutation = useMutation({
    mutationFn: (values: WordValues) => {
      const body = { word: values.word, category: values.category ?? '', action: fromChoice(values.action) };
      return word ? updateSensitiveWord(word.id, body) : createSensitiveWord(body);
    },
    onMutate: clearError,
    onSuccess: async (saved) => {
      message.success(t(word ? 'sensitiveWords.updated' : 'sensitiveWords.created', { word: saved.word }));
      await queryClient.invalidateQueries({ queryKey: sensitiveWordsKey });
      onClose();
    },
    onError: handleError,
  });

  const initialValues: WordValues = word
    ? { word: word.word, category: word.category, action: toChoice(word.action) }
    : { word: '', category: '', action: 'default' };

  return (
    <Modal
      open
      title={t(word ? 'sensitiveWords.editTitle' : 'sensitiveWords.createTitle')}
      okText={t(word ? 'common.save' : 'common.create')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="word"
          label={t('sensitiveWords.word')}
          extra={t('sensitiveWords.wordHint')}
          rules={[
            ...rules.required,
            {
              max: MODERATION_LIMITS.wordMaxLength,
              message: t('validation.maxLength', { max: MODERATION_LIMITS.wordMaxLength }),
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('sensitiveWords.category')}
          rules={[
            {
              max: MODERATION_LIMITS.categoryMaxLength,
              message: t('validation.maxLength', { max: MODERATION_LIMITS.categoryMaxLength }),
            },
          ]}
        >
          <Input autoComplete="off" placeholder={t('sensitiveWords.categoryPlaceholder')} />
        </Form.Item>
        <Form.Item name="action" label={t('sensitiveWords.action')}>
          <Select options={actionOptions} />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
