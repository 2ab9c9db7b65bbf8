import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { KnowledgeEntryKind, KnowledgeStatus, KnowledgeVariantView } from '@kefu/shared';
import { Button, Flex, Form, Input, Popconfirm, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BodyEditor } from './BodyEditor';

export interface VariantValues {
  title: string;
  similarQuestions: string[];
  body: string;
  status: KnowledgeStatus;
}

/**
 * One language of an entry: the standard question (or an article's title), similar questions for a FAQ, the
 * answer, and draft or published. Saving sends the version it started from, so two editors never overwrite
 * each other without knowing.
 */
export function VariantEditor({
  kind,
  variant,
  saving,
  canDelete,
  onSave,
  onDelete,
}: {
  kind: KnowledgeEntryKind;
  variant: KnowledgeVariantView | null;
  saving: boolean;
  canDelete: boolean;
  onSave: (values: VariantValues, baseVersion: number | undefined) => void;
  onDelete?: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VariantValues>();

  useEffect(() => {
    form.setFieldsValue({
      title: variant?.title ?? '',
      similarQuestions: variant?.similarQuestions ?? [],
      body: variant?.body ?? '',
      status: variant?.status ?? 'draft',
    });
  }, [form, variant]);

  return (
    <Form<VariantValues>
      form={form}
      layout="vertical"
      onFinish={(values) =>
        onSave(
          { ...values, similarQuestions: (values.similarQuestions ?? []).map((q) => q.trim()).filter(Boolean) },
          variant?.version,
        )
      }
    >
      <Form.Item
        name="title"
        label={t(kind === 'faq' ? 'knowledge.editor.question' : 'knowledge.editor.articleTitle')}
        rules={[{ required: true, whitespace: true, max: 200 }]}
      >
        <Input />
      </Form.Item>
      {kind === 'faq' ? (
        <Form.Item label={t('knowledge.editor.similar')} tooltip={t('knowledge.editor.similarHint')}>
          <Form.List name="similarQuestions">
            {(fields, { add, remove }) => (
              <Flex vertical gap={6}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={6}>
                    <Form.Item name={field.name} noStyle rules={[{ max: 200 }]}>
                      <Input aria-label={t('knowledge.editor.similar')} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('knowledge.editor.removeSimilar')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ width: 'fit-content' }}>
                  {t('knowledge.editor.addSimilar')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      ) : null}
      <Form.Item
        name="body"
        label={t(kind === 'faq' ? 'knowledge.editor.answer' : 'knowledge.editor.articleBody')}
        rules={[{ required: true, whitespace: true, max: 50_000 }]}
      >
        <BodyEditor rows={kind === 'faq' ? 6 : 14} />
      </Form.Item>
      <Form.Item name="status" label={t('knowledge.editor.status')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'draft', label: t('knowledge.statuses.draft') },
            { value: 'published', label: t('knowledge.statuses.published') },
          ]}
        />
      </Form.Item>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {variant ? t('knowledge.editor.version', { version: variant.version }) : t('knowledge.editor.newLanguage')}
        </Typography.Text>
        <Flex gap={8}>
          {variant && canDelete && onDelete ? (
            <Popconfirm title={t('knowledge.editor.deleteLanguageConfirm')} onConfirm={onDelete}>
              <Button danger>{t('knowledge.editor.deleteLanguage')}</Button>
            </Popconfirm>
          ) : null}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
