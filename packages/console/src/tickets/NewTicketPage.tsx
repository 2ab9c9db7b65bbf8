import { ArrowLeftOutlined, PhoneOutlined } from '@ant-design/icons';
import type { TicketPriority, TicketTypeView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Divider, Empty, Flex, Form, Input, Radio, Row, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { createTicket, ticketKey, ticketsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { CallLogFields, type CallLogFormValues, callLogBody } from './CallLogFields';
import { type ContactMode, ContactPicker } from './ContactPicker';
import { type FieldFormValue, fieldValuesForApi, placeFieldIssues } from './fieldValues';
import { TicketFormFields } from './TicketFormFields';
import { TicketPropertyInputs } from './TicketPropertyInputs';
import { useTicketTypes } from './useTicketTypes';

interface NewTicketValues {
  title?: string;
  description?: string;
  contactMode: ContactMode;
  contactId?: string;
  contact?: { name?: string; phone?: string; email?: string };
  fromCall: boolean;
  call?: CallLogFormValues;
  priority?: TicketPriority;
  categoryId?: string;
  tags?: string[];
  assigneeId?: string;
  teamId?: string;
  promisedReplyAt?: Dayjs;
  fields?: Record<string, FieldFormValue>;
}

const BASE_FIELDS = ['title', 'description', 'contactId', 'priority', 'categoryId', 'tags', 'assigneeId', 'teamId'];

function knownPaths(type: TicketTypeView, values: NewTicketValues, fromConversation: boolean): Set<string> {
  const paths = [...BASE_FIELDS, 'promisedReplyAt', ...type.fields.map((f) => `fields.${f.key}`)];
  if (values.contactMode === 'new' && !fromConversation) paths.push('contact.name', 'contact.phone', 'contact.email');
  if (values.fromCall) paths.push('call.phoneNumber', 'call.summary');
  return new Set(paths);
}

/**
 * 新建工单: pick the type, then fill its form. A phone call (来电) adds the call log; the customer is one found
 * among those who have contacted us, or a new one. Problems the server finds show on their fields.
 */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useSearchParams();
  const types = useTicketTypes();
  const enabled = types.data?.items.filter((type) => type.enabled) ?? [];
  const type = enabled.find((candidate) => candidate.id === search.get('type'));
  // From a conversation (收到的聊天转工单): its customer, its transcript, and the title may be left to the server.
  const conversationId = search.get('conversation') ?? undefined;
  const [form] = Form.useForm<NewTicketValues>();
  const [leftover, setLeftover] = useState<{ message: string; issues: { field?: string; issue: string }[] } | null>(
    null,
  );

  const create = useMutation({
    mutationFn: (values: NewTicketValues) => {
      if (!type) throw new Error('no type chosen');
      return createTicket({
        typeId: type.id,
        title: values.title?.trim() || undefined,
        description: values.description?.trim() ?? '',
        ...(conversationId
          ? { conversationId }
          : values.contactMode === 'existing'
            ? { contactId: values.contactId }
            : {
                contact: {
                  name: values.contact?.name?.trim() ?? '',
                  ...(values.contact?.phone?.trim() ? { phone: values.contact.phone.trim() } : {}),
                  ...(values.contact?.email?.trim() ? { email: values.contact.email.trim() } : {}),
                },
              }),
        ...(values.fromCall && values.call ? { call: callLogBody(values.call) } : {}),
        priority: values.priority,
        categoryId: values.categoryId ?? null,
        tags: values.tags ?? [],
        assigneeId: values.assigneeId ?? null,
        teamId: values.teamId ?? null,
        promisedReplyAt: values.promisedReplyAt ? values.promisedReplyAt.format() : null,
        fields: fieldValuesForApi(type.fields, values.fields),
      });
    },
    onSuccess: (view) => {
      queryClient.setQueryData(ticketKey(view.id), view);
      void queryClient.invalidateQueries({ queryKey: [...ticketsKey, 'list'] });
      navigate(`/tickets/${view.id}`);
    },
    onError: (error) => {
      const rest = type
        ? placeFieldIssues(form, error, knownPaths(type, form.getFieldsValue(true), conversationId !== undefined))
        : [];
      const allPlaced = error instanceof ApiError && error.fieldIssues.length > 0 && rest.length === 0;
      setLeftover(allPlaced ? null : { message: errorMessage(error), issues: rest });
    },
  });

  const chooseType = (id: string) => {
    const next = new URLSearchParams(search);
    next.set('type', id);
    setSearch(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('tickets.new.title')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/tickets')}>
            {t('tickets.backToList')}
          </Button>
        }
      />
      <Card size="small" title={t('tickets.new.chooseType')} style={{ marginBottom: 16 }}>
        {types.isSuccess && enabled.length === 0 ? (
          <Empty description={t('tickets.new.noTypes')} />
        ) : (
          <Radio.Group
            value={type?.id}
            onChange={(event) => chooseType(event.target.value as string)}
            optionType="button"
            buttonStyle="solid"
            options={enabled.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            data-testid="ticket-type-picker"
          />
        )}
        {type?.description ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {type.description}
          </Typography.Paragraph>
        ) : null}
      </Card>
      {type ? (
        <Form<NewTicketValues>
          key={type.id}
          form={form}
          layout="vertical"
          aria-label={t('tickets.new.title')}
          initialValues={{
            contactMode: 'new',
            fromCall: search.get('source') === 'phone',
            priority: type.defaultPriority,
          }}
          onFinish={(values) => create.mutate(values)}
          onValuesChange={() => setLeftover(null)}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('tickets.new.caseSection')} style={{ marginBottom: 16 }}>
                <Form.Item
                  name="title"
                  label={t('tickets.fields.title')}
                  rules={
                    conversationId ? [] : [{ required: true, whitespace: true, message: t('validation.required') }]
                  }
                  extra={conversationId ? t('tickets.new.titleFromConversation') : undefined}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="description" label={t('tickets.fields.description')}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10_000} />
                </Form.Item>
                {type.fields.length > 0 ? (
                  <>
                    <Divider titlePlacement="start" plain>
                      {t('tickets.new.formSection', { type: type.name })}
                    </Divider>
                    <TicketFormFields fields={type.fields} />
                  </>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('tickets.new.customerSection')} style={{ marginBottom: 16 }}>
                {conversationId ? (
                  <Alert type="info" showIcon title={t('tickets.new.fromConversation')} style={{ marginBottom: 16 }} />
                ) : (
                  <ContactPicker />
                )}
                <Form.Item name="fromCall" valuePropName="checked" label={t('tickets.call.fromCall')}>
                  <Switch checkedChildren={<PhoneOutlined />} data-testid="from-call" />
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a, b) => a.fromCall !== b.fromCall}>
                  {({ getFieldValue }) => (getFieldValue('fromCall') ? <CallLogFields prefix="call" /> : null)}
                </Form.Item>
              </Card>
              <Card size="small" title={t('tickets.new.handlingSection')} style={{ marginBottom: 16 }}>
                <TicketPropertyInputs />
              </Card>
            </Col>
          </Row>
          {leftover ? (
            <Alert
              type="error"
              showIcon
              title={leftover.message}
              description={
                leftover.issues.length > 0 ? (
                  <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                    {leftover.issues.map((issue) => (
                      <li key={`${issue.field}:${issue.issue}`}>
                        {issue.field ? `${issue.field}: ${issue.issue}` : issue.issue}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Flex justify="end" gap={8}>
            <Button onClick={() => navigate('/tickets')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-ticket">
              {t('tickets.new.submit')}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </>
  );
}
