import {
  QUICK_REPLY_LIMITS,
  QUICK_REPLY_VARIABLES,
  type QuickReplyCategoryView,
  type QuickReplyScope,
  type QuickReplyView,
  type TeamView,
  unknownQuickReplyVariables,
} from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, type GetRef, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createQuickReply, type QuickReplyInput, quickRepliesKey, updateQuickReply } from '../../../api/quickReplies';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { type FieldErrorCodes, useServerFormErrors } from '../../../forms/useServerFormErrors';
import { PictureField, type PictureValue } from './PictureField';

const formId = 'quick-reply';

interface Values {
  scope: QuickReplyScope;
  teamId: string | null;
  categoryId: string | null;
  title: string;
  content: string;
  picture: PictureValue;
}

type TextAreaRef = GetRef<typeof Input.TextArea>;

/** Creates a quick reply, or edits `reply` when given. Agents write personal replies only. */
export function QuickReplyFormModal(props: {
  reply?: QuickReplyView;
  categories: QuickReplyCategoryView[];
  teams: TeamView[];
  onClose: () => void;
}) {
  const { reply, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const canManage = usePermission('quickReplies.manage');
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const content = useRef<TextAreaRef>(null);
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () => ({ CONFLICT: { field: 'title', message: t('quickReplies.titleTaken') } }),
    [t],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const mutation = useMutation({
    mutationFn: (values: Values) => {
      // Agents see no scope choice: theirs are personal.
      const scope = canManage ? values.scope : 'personal';
      const body: QuickReplyInput = {
        scope,
        teamId: scope === 'team' ? values.teamId : null,
        categoryId: values.categoryId ?? null,
        title: values.title,
        content: values.content,
        // Only a new upload or a removal changes the picture.
        ...(values.picture.kind === 'uploaded' ? { attachmentId: values.picture.attachment.id } : {}),
        ...(values.picture.kind === 'none' && reply?.picture ? { attachmentId: null } : {}),
      };
      return reply ? updateQuickReply(reply.id, body) : createQuickReply(body);
    },
    onMutate: clearError,
    onSuccess: async (saved) => {
      message.success(t(reply ? 'quickReplies.updated' : 'quickReplies.created', { title: saved.title }));
      await queryClient.invalidateQueries({ queryKey: quickRepliesKey });
      onClose();
    },
    onError: handleError,
  });

  const initialValues: Values = {
    scope: reply?.scope ?? 'personal',
    teamId: reply?.teamId ?? null,
    categoryId: reply?.categoryId ?? null,
    title: reply?.title ?? '',
    content: reply?.content ?? '',
    picture: reply?.picture ? { kind: 'kept', picture: reply.picture } : { kind: 'none' },
  };

  /** Puts `{{name}}` where the cursor is in the text. */
  const insertVariable = (name: string) => {
    const element = content.current?.resizableTextArea?.textArea;
    const current: string = form.getFieldValue('content') ?? '';
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    const token = `{{${name}}}`;
    form.setFieldValue('content', current.slice(0, start) + token + current.slice(end));
    void form.validateFields(['content']);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const scopeOptions = (canManage ? (['personal', 'team', 'workspace'] as const) : (['personal'] as const)).map(
    (value) => ({ value, label: t(`quickReplies.scopes.${value}`) }),
  );

  return (
    <Modal
      open
      width={640}
      title={t(reply ? 'quickReplies.editTitle' : 'quickReplies.createTitle')}
      okText={t(reply ? 'common.save' : 'common.create')}
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
        {canManage ? (
          <Form.Item name="scope" label={t('quickReplies.scope')}>
            <Radio.Group optionType="button" options={scopeOptions} />
          </Form.Item>
        ) : null}
        {scope === 'team' ? (
          <Form.Item
            name="teamId"
            label={t('quickReplies.team')}
            rules={[{ required: true, message: t('quickReplies.teamRequired') }]}
          >
            <Select options={props.teams.map((team) => ({ value: team.id, label: team.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="categoryId" label={t('quickReplies.category')}>
          <Select
            allowClear
            placeholder={t('quickReplies.noCategory')}
            options={props.categories.map((category) => ({ value: category.id, label: category.name }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('quickReplies.titleLabel')}
          rules={[
            ...rules.required,
            {
              max: QUICK_REPLY_LIMITS.titleMaxLength,
              message: t('validation.maxLength', { max: QUICK_REPLY_LIMITS.titleMaxLength }),
            },
          ]}
        >
          <Input autoComplete="off" placeholder={t('quickReplies.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('quickReplies.content')}
          rules={[
            ...rules.required,
            {
              max: QUICK_REPLY_LIMITS.contentMaxLength,
              message: t('validation.maxLength', { max: QUICK_REPLY_LIMITS.contentMaxLength }),
            },
            {
              validator: (_, value: string | undefined) => {
                const unknown = unknownQuickReplyVariables(value ?? '');
                return unknown.length === 0
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(
                        t('quickReplies.unknownVariables', { names: unknown.map((name) => `{{${name}}}`).join('、') }),
                      ),
                    );
              },
            },
          ]}
          extra={
            <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{t('quickReplies.variables')}</Typography.Text>
              {QUICK_REPLY_VARIABLES.map((name) => (
                <Button key={name} size="small" onClick={() => insertVariable(name)} data-testid={`variable-${name}`}>
                  {t(`quickReplies.variableLabels.${name}`)}
                </Button>
              ))}
            </Flex>
          }
        >
          <Input.TextArea
            ref={content}
            autoSize={{ minRows: 3, maxRows: 10 }}
            placeholder={t('quickReplies.contentPlaceholder', { example: '{{contact.name}}' })}
          />
        </Form.Item>
        <Form.Item
          name="picture"
          label={t('quickReplies.picture')}
          extra={t('quickReplies.pictureHint')}
          rules={[
            {
              validator: (_, value: PictureValue | undefined) =>
                value?.kind === 'uploading'
                  ? Promise.reject(new Error(t('quickReplies.pictureUploading')))
                  : Promise.resolve(),
            },
          ]}
        >
          <PictureField />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
