import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { QUICK_REPLY_LIMITS, type QuickReplyCategoryView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Input, List, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import {
  createQuickReplyCategory,
  deleteQuickReplyCategory,
  listQuickReplyCategories,
  quickRepliesKey,
  quickReplyCategoriesKey,
  renameQuickReplyCategory,
} from '../../../api/quickReplies';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** Admins and supervisors add, rename and delete the categories every quick reply can be filed under. */
export function CategoriesModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const categories = useQuery({ queryKey: quickReplyCategoriesKey, queryFn: listQuickReplyCategories });

  const describe = (error: unknown) =>
    error instanceof ApiError && error.code === 'CONFLICT'
      ? t('quickReplies.categories.nameTaken')
      : errorMessage(error);
  const refresh = () => queryClient.invalidateQueries({ queryKey: quickRepliesKey });

  const create = useMutation({
    mutationFn: (name: string) => createQuickReplyCategory(name),
    onSuccess: async () => {
      setNewName('');
      await refresh();
    },
    onError: (error) => message.error(describe(error)),
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameQuickReplyCategory(id, name),
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
    onError: (error) => message.error(describe(error)),
  });
  const remove = useMutation({
    mutationFn: (category: QuickReplyCategoryView) => deleteQuickReplyCategory(category.id),
    onSuccess: refresh,
    onError: (error) => message.error(errorMessage(error)),
  });

  const addCategory = () => {
    if (newName.trim()) create.mutate(newName.trim());
  };

  return (
    <Modal open title={t('quickReplies.categories.title')} footer={null} onCancel={onClose}>
      {categories.isError ? <ErrorAlert error={categories.error} /> : null}
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input
          aria-label={t('quickReplies.categories.name')}
          placeholder={t('quickReplies.categories.addPlaceholder')}
          maxLength={QUICK_REPLY_LIMITS.categoryNameMaxLength}
          value={newName}
          onChange={(event) => setNewName(event.target.value)}
          onPressEnter={addCategory}
        />
        <Button type="primary" icon={<PlusOutlined />} loading={create.isPending} onClick={addCategory}>
          {t('quickReplies.categories.add')}
        </Button>
      </Space.Compact>
      <List<QuickReplyCategoryView>
        aria-label={t('quickReplies.categories.listLabel')}
        loading={categories.isPending}
        dataSource={categories.data?.items}
        locale={{ emptyText: <Empty description={t('quickReplies.categories.empty')} /> }}
        renderItem={(category) => (
          <List.Item
            actions={
              editing?.id === category.id
                ? [
                    <Button
                      key="save"
                      type="link"
                      size="small"
                      loading={rename.isPending}
                      onClick={() =>
                        editing.name.trim() && rename.mutate({ id: category.id, name: editing.name.trim() })
                      }
                    >
                      {t('common.save')}
                    </Button>,
                    <Button key="cancel" type="link" size="small" onClick={() => setEditing(null)}>
                      {t('common.cancel')}
                    </Button>,
                  ]
                : [
                    <Button
                      key="rename"
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing({ id: category.id, name: category.name })}
                    >
                      {t('quickReplies.categories.rename')}
                    </Button>,
                    <Popconfirm
                      key="delete"
                      title={t('quickReplies.categories.deleteConfirm', { name: category.name })}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(category).catch(() => undefined)}
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            {editing?.id === category.id ? (
              <Input
                aria-label={t('quickReplies.categories.name')}
                size="small"
                maxLength={QUICK_REPLY_LIMITS.categoryNameMaxLength}
                value={editing.name}
                onChange={(event) => setEditing({ id: category.id, name: event.target.value })}
                onPressEnter={() =>
                  editing.name.trim() && rename.mutate({ id: category.id, name: editing.name.trim() })
                }
              />
            ) : (
              <Flex gap={8} align="baseline">
                <Typography.Text>{category.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('quickReplies.categories.replyCount', { total: category.replyCount })}
                </Typography.Text>
              </Flex>
            )}
          </List.Item>
        )}
      />
    </Modal>
  );
}
