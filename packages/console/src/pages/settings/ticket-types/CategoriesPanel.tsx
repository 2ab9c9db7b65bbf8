import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TicketCategoryView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createTicketCategory,
  deleteTicketCategory,
  ticketCategoriesKey,
  updateTicketCategory,
} from '../../../api/ticketTypes';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { showFieldErrors } from '../../../forms/serverErrors';
import { useTicketCategories } from '../../../tickets/useTicketTypes';

type Dialog = { kind: 'create'; parent: TicketCategoryView | null } | { kind: 'rename'; category: TicketCategoryView };

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children: TreeNode[];
}

/** 分类: the ticket category tree, three levels at most; names are unique among siblings. */
export function CategoriesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const categories = useTicketCategories();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const remove = useMutation({
    mutationFn: (category: TicketCategoryView) => deleteTicketCategory(category.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketCategoriesKey }),
    onError: (error) => message.error(errorMessage(error)),
  });

  const items = categories.data?.items ?? [];
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const category of items) {
    const node: TreeNode = {
      key: category.id,
      children: [],
      title: (
        <Flex gap={8} align="center" data-testid="category-node">
          <span>{category.name}</span>
          <Space size={0}>
            {category.path.length < 3 ? (
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setDialog({ kind: 'create', parent: category })}
                aria-label={t('ticketTypes.categories.addChild')}
              />
            ) : null}
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setDialog({ kind: 'rename', category })}
              aria-label={t('common.edit')}
            />
            <Popconfirm
              title={t('ticketTypes.categories.deleteConfirm', { name: category.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(category).catch(() => undefined)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          </Space>
        </Flex>
      ),
    };
    nodes.set(category.id, node);
    const parent = category.parentId ? nodes.get(category.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('ticketTypes.categories.intro')}</Typography.Text>
        <Button
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create', parent: null })}
          data-testid="add-category"
        >
          {t('ticketTypes.categories.add')}
        </Button>
      </Flex>
      {categories.isError ? <ErrorAlert error={categories.error} /> : null}
      {categories.isSuccess && items.length === 0 ? (
        <Empty description={t('ticketTypes.categories.empty')} />
      ) : (
        <Tree treeData={roots} defaultExpandAll selectable={false} blockNode />
      )}
      {dialog ? <CategoryModal dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </Flex>
  );
}

function CategoryModal({ dialog, onClose }: { dialog: Dialog; onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ name: string }>();
  const [bannerError, setBannerError] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: ({ name }: { name: string }) =>
      dialog.kind === 'create'
        ? createTicketCategory({ name, parentId: dialog.parent?.id ?? null })
        : updateTicketCategory(dialog.category.id, { name }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketCategoriesKey });
      onClose();
    },
    onError: (error) => setBannerError(showFieldErrors(form, error, errorMessage) ? null : error),
  });
  const title =
    dialog.kind === 'rename'
      ? t('ticketTypes.categories.rename')
      : dialog.parent
        ? t('ticketTypes.categories.addUnder', { name: dialog.parent.name })
        : t('ticketTypes.categories.add');
  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      okButtonProps={{ htmlType: 'submit', form: 'ticket-category' }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="ticket-category"
        layout="vertical"
        initialValues={{ name: dialog.kind === 'rename' ? dialog.category.name : '' }}
        onFinish={({ name }) => save.mutate({ name: name.trim() })}
      >
        <Form.Item
          name="name"
          label={t('ticketTypes.categories.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={50} autoFocus />
        </Form.Item>
      </Form>
      {bannerError ? <ErrorAlert error={bannerError} /> : null}
    </Modal>
  );
}
