import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { KnowledgeCategoryView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteKnowledgeCategory, knowledgeKey } from '../../api/knowledge';
import { useErrorMessage } from '../../api/useErrorMessage';
import { CategoryModal } from './CategoryModal';
import { categoryTree } from './categoryTree';

/** What the entry list shows: everything, one category, or the entries without one. */
export type CategoryFilter = { kind: 'all' } | { kind: 'none' } | { kind: 'category'; id: string };

const ALL = '__all__';
const NONE = '__none__';

/** The category tree (分类) beside the entry list; editors add, rename, move and delete categories here. */
export function CategoryPanel({
  categories,
  selected,
  onSelect,
  canManage,
}: {
  categories: KnowledgeCategoryView[];
  selected: CategoryFilter;
  onSelect: (filter: CategoryFilter) => void;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ editing: KnowledgeCategoryView | null } | null>(null);
  const current = selected.kind === 'category' ? categories.find((c) => c.id === selected.id) : undefined;

  const remove = useMutation({
    mutationFn: (category: KnowledgeCategoryView) => deleteKnowledgeCategory(category.id),
    onSuccess: async () => {
      message.success(t('knowledge.categories.deleted'));
      onSelect({ kind: 'all' });
      await queryClient.invalidateQueries({ queryKey: knowledgeKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const selectedKey = selected.kind === 'all' ? ALL : selected.kind === 'none' ? NONE : selected.id;
  const treeData = [
    { key: ALL, title: t('knowledge.categories.all'), children: categoryTree(categories) },
    { key: NONE, title: t('knowledge.categories.none'), children: [] },
  ];

  return (
    <Flex vertical gap={8} style={{ width: 240, flexShrink: 0 }} data-testid="category-panel">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('knowledge.categories.title')}</Typography.Text>
        {canManage ? (
          <Flex gap={4}>
            <Button
              size="small"
              icon={<PlusOutlined />}
              aria-label={t('knowledge.categories.create')}
              onClick={() => setDialog({ editing: null })}
            />
            <Button
              size="small"
              icon={<EditOutlined />}
              aria-label={t('knowledge.categories.edit')}
              disabled={!current}
              onClick={() => current && setDialog({ editing: current })}
            />
            <Popconfirm
              title={t('knowledge.categories.deleteConfirm', { name: current?.name ?? '' })}
              disabled={!current}
              onConfirm={() => current && remove.mutate(current)}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                disabled={!current}
              />
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>
      <Tree
        blockNode
        defaultExpandAll
        selectedKeys={[selectedKey]}
        treeData={treeData}
        onSelect={(keys) => {
          const key = String(keys[0] ?? selectedKey);
          onSelect(key === ALL ? { kind: 'all' } : key === NONE ? { kind: 'none' } : { kind: 'category', id: key });
        }}
      />
      {dialog ? (
        <CategoryModal
          categories={categories}
          editing={dialog.editing}
          parentId={dialog.editing ? null : (current?.id ?? null)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Flex>
  );
}
