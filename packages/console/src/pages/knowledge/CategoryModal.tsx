import type { KnowledgeCategoryView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { createKnowledgeCategory, knowledgeCategoriesKey, updateKnowledgeCategory } from '../../api/knowledge';
import { useErrorMessage } from '../../api/useErrorMessage';
import { categoryTree } from './categoryTree';

interface Values {
  name: string;
  parentId?: string | null;
  zhTW?: string;
  en?: string;
}

/** Creates a category (under the chosen parent) or renames, translates and moves one. */
export function CategoryModal({
  categories,
  editing,
  parentId,
  onClose,
}: {
  categories: KnowledgeCategoryView[];
  editing: KnowledgeCategoryView | null;
  parentId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (values: Values) => {
      const translations = {
        ...(values.zhTW?.trim() ? { 'zh-TW': values.zhTW.trim() } : {}),
        ...(values.en?.trim() ? { en: values.en.trim() } : {}),
      };
      const body = { name: values.name, parentId: values.parentId ?? null, translations };
      return editing ? updateKnowledgeCategory(editing.id, body) : createKnowledgeCategory(body);
    },
    onSuccess: async () => {
      message.success(t('knowledge.categories.saved'));
      await queryClient.invalidateQueries({ queryKey: knowledgeCategoriesKey });
      onClose();
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  return (
    <Modal
      open
      title={t(editing ? 'knowledge.categories.editTitle' : 'knowledge.categories.createTitle')}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          name: editing?.name ?? '',
          parentId: editing ? editing.parentId : parentId,
          zhTW: editing?.translations['zh-TW'] ?? '',
          en: editing?.translations.en ?? '',
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="name"
          label={t('knowledge.categories.name')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="parentId" label={t('knowledge.categories.parent')}>
          <TreeSelect
            allowClear
            placeholder={t('knowledge.categories.topLevel')}
            treeData={categoryTree(categories, editing?.id)}
            treeDefaultExpandAll
          />
        </Form.Item>
        <Form.Item name="zhTW" label={t('knowledge.categories.nameZhTW')} rules={[{ max: 50 }]}>
          <Input placeholder={t('knowledge.categories.translationHint')} />
        </Form.Item>
        <Form.Item name="en" label={t('knowledge.categories.nameEn')} rules={[{ max: 50 }]}>
          <Input placeholder={t('knowledge.categories.translationHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
