import { LABEL_NAME_MAX_LENGTH, LABEL_PRESET_COLORS, type LabelView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationsKey } from '../../../api/conversations';
import { createLabel, labelsKey, updateLabel } from '../../../api/labels';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../../../forms/useServerFormErrors';
import { LabelTag } from './LabelTag';

const formId = 'label';

interface LabelValues {
  name: string;
  color: string;
  description: string;
}

/** Creates a label, or edits `label` when given; a rename reaches every conversation that carries it. */
export function LabelFormModal({ label, onClose }: { label?: LabelView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [form] = Form.useForm<LabelValues>();
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ CONFLICT: { field: 'name', message: t('labels.nameTaken') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const mutation = useMutation({
    mutationFn: async (values: LabelValues) => {
      if (!label) return { name: (await createLabel(values)).name, conversationsUpdated: 0 };
      const changed = await updateLabel(label.id, values);
      return { name: changed.label?.name ?? values.name, conversationsUpdated: changed.conversationsUpdated };
    },
    onMutate: clearError,
    onSuccess: async ({ name, conversationsUpdated }) => {
      message.success(
        label ? t('labels.updated', { name, count: conversationsUpdated }) : t('labels.created', { name }),
      );
      await queryClient.invalidateQueries({ queryKey: labelsKey });
      if (conversationsUpdated > 0) await queryClient.invalidateQueries({ queryKey: conversationsKey });
      onClose();
    },
    onError: handleError,
  });

  const initialValues: LabelValues = label
    ? { name: label.name, color: label.color, description: label.description }
    : { name: '', color: 'blue', description: '' };

  return (
    <Modal
      open
      title={t(label ? 'labels.editTitle' : 'labels.createTitle')}
      okText={t(label ? 'common.save' : 'common.create')}
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
        onFinish={(values) => mutation.mutate({ ...values, description: values.description ?? '' })}
      >
        <Form.Item
          name="name"
          label={t('labels.name')}
          rules={[
            ...rules.required,
            { max: LABEL_NAME_MAX_LENGTH, message: t('validation.maxLength', { max: LABEL_NAME_MAX_LENGTH }) },
          ]}
          extra={label ? t('labels.renameHint') : undefined}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="color" label={t('labels.color')}>
          <Select
            options={LABEL_PRESET_COLORS.map((color) => ({
              value: color,
              label: <LabelTag name={t(`labels.colors.${color}`)} color={color} />,
            }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('labels.description')} rules={rules.description}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
