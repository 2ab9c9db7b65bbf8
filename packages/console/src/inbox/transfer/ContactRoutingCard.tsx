import { type ContactRoutingView, ROUTING_LIMITS } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Flex, Form, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactRoutingKey, getContactRouting, updateContactRouting } from '../../api/routing';
import { usePermission } from '../../auth/usePermission';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useServerFormErrors } from '../../forms/useServerFormErrors';
import { AgentSelect } from '../../presence/AgentSelect';
import { useAgentDirectory } from '../../presence/useAgentDirectory';

interface RoutingValues {
  ownerId: string | null;
  tags: string[];
}

/**
 * The customer's owner (专属客服, who gets their chats first) and tags such as VIP (ahead in the queue), which
 * routing reads. Supervisors and admins change them; agents see them.
 */
export function ContactRoutingCard({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const canManage = usePermission('contacts.manage');
  const [editing, setEditing] = useState(false);
  const routing = useQuery({
    queryKey: contactRoutingKey(contactId),
    queryFn: ({ signal }) => getContactRouting(contactId, signal),
  });
  const directory = useAgentDirectory(routing.data?.ownerId != null);
  // Before this console knew routing (or without the permission) there is nothing to show.
  if (!routing.data) return null;
  const owner = directory.data?.items.find((agent) => agent.id === routing.data.ownerId);

  return (
    <div data-testid="contact-routing">
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('routing.contact.title')}
        </Typography.Title>
        {canManage && !editing ? (
          <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="edit-contact-routing">
            {t('common.edit')}
          </Button>
        ) : null}
      </Flex>
      {editing ? (
        <ContactRoutingForm contactId={contactId} current={routing.data} onDone={() => setEditing(false)} />
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'owner',
              label: t('routing.contact.owner'),
              // An owner missing from the directory has left (disabled): the id is all there is to show.
              children: routing.data.ownerId
                ? (owner?.name ?? (directory.isPending ? '…' : routing.data.ownerId))
                : t('routing.contact.noOwner'),
            },
            {
              key: 'tags',
              label: t('routing.contact.tags'),
              children:
                routing.data.tags.length > 0 ? (
                  <Flex wrap gap={4}>
                    {routing.data.tags.map((tag) => (
                      <Tag key={tag} color="gold">
                        {tag}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </div>
  );
}

function ContactRoutingForm({
  contactId,
  current,
  onDone,
}: {
  contactId: string;
  current: ContactRoutingView;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RoutingValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);
  const save = useMutation({
    mutationFn: (values: RoutingValues) =>
      updateContactRouting(contactId, { ownerId: values.ownerId ?? null, tags: values.tags ?? [] }),
    onMutate: clearError,
    onSuccess: (saved) => {
      queryClient.setQueryData(contactRoutingKey(contactId), saved);
      message.success(t('routing.contact.saved'));
      onDone();
    },
    onError: handleError,
  });
  return (
    <Form<RoutingValues>
      form={form}
      layout="vertical"
      size="small"
      requiredMark={false}
      initialValues={{ ownerId: current.ownerId, tags: current.tags }}
      onFinish={(values) => save.mutate(values)}
      data-testid="contact-routing-form"
    >
      <Form.Item name="ownerId" label={t('routing.contact.owner')} extra={t('routing.contact.ownerHint')}>
        <AgentSelect allowClear placeholder={t('routing.contact.noOwner')} testId="contact-owner" />
      </Form.Item>
      <Form.Item
        name="tags"
        label={t('routing.contact.tags')}
        extra={t('routing.contact.tagsHint')}
        rules={[
          {
            validator: (_, tags: string[] | undefined) =>
              (tags ?? []).every((tag) => tag.trim().length > 0 && tag.trim().length <= ROUTING_LIMITS.tagMaxChars) &&
              (tags ?? []).length <= ROUTING_LIMITS.tagsMax
                ? Promise.resolve()
                : Promise.reject(
                    new Error(
                      t('routing.contact.tagsInvalid', {
                        max: ROUTING_LIMITS.tagMaxChars,
                        total: ROUTING_LIMITS.tagsMax,
                      }),
                    ),
                  ),
          },
        ]}
      >
        <Select mode="tags" tokenSeparators={[',', '，']} options={[{ value: 'VIP' }]} data-testid="contact-tags" />
      </Form.Item>
      {bannerError ? <ErrorAlert error={bannerError} /> : null}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-contact-routing">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
