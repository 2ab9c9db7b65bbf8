import { BOT_MODES, type InboxBotSettings, type InboxView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Divider,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { inboxesKey, listInboxes, updateInbox } from '../../api/inboxes';
import { usePermission } from '../../auth/usePermission';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTeamOptions } from '../settings/routing/useTeamOptions';
import { EntrySelect } from './EntrySelect';
import { TryBotCard } from './TryBotCard';

/** Select cannot hold null: "any team" travels as this and becomes null in the form. */
const ANY_TEAM = 'any-team';
const nullableTeam = {
  getValueProps: (value: string | null) => ({ value: value ?? ANY_TEAM }),
  normalize: (value: string) => (value === ANY_TEAM ? null : value),
};
const TEXT_FIELDS = [
  ['greeting', 'bot.settings.textGreeting'],
  ['thanks', 'bot.settings.textThanks'],
  ['suggest', 'bot.settings.textSuggest'],
  ['unknown', 'bot.settings.textUnknown'],
  ['handoff', 'bot.settings.textHandoff'],
  ['handoffOffline', 'bot.settings.textHandoffOffline'],
  ['complaint', 'bot.settings.textComplaint'],
] as const;

/** `body.settings.bot.menu.items.0.label` → `['menu', 'items', 0, 'label']`. */
function botFieldPath(field: string): (string | number)[] | undefined {
  const parts = field.split('.');
  if (parts.slice(0, 3).join('.') !== 'body.settings.bot' || parts.length < 4) return undefined;
  return parts.slice(3).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Each inbox's bot (its `settings.bot` block): who answers first, thresholds, hand-off rules, menu and texts. */
export function BotSettingsTab() {
  const { t } = useTranslation();
  const canTry = usePermission('knowledge.manage');
  const inboxes = useQuery({ queryKey: inboxesKey, queryFn: listInboxes });
  const [inboxId, setInboxId] = useState<string | undefined>();
  const items = inboxes.data?.items ?? [];
  const inbox = items.find((candidate) => candidate.id === inboxId) ?? items[0];
  if (inboxes.isError) return <ErrorAlert error={inboxes.error} />;
  if (inboxes.isSuccess && items.length === 0) return <Empty description={t('bot.settings.noInbox')} />;
  return (
    <>
      <Select
        aria-label={t('bot.settings.chooseInbox')}
        style={{ minWidth: 240, marginBottom: 16 }}
        loading={inboxes.isPending}
        value={inbox?.id}
        onChange={setInboxId}
        options={items.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
      />
      {inbox ? <BotSettingsForm key={inbox.id} inbox={inbox} /> : null}
      {inbox && canTry ? <TryBotCard inboxId={inbox.id} /> : null}
    </>
  );
}

function BotSettingsForm({ inbox }: { inbox: InboxView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canManage = usePermission('inboxes.manage');
  const teams = useTeamOptions();
  const [form] = Form.useForm<InboxBotSettings>();
  const menuEnabled = Form.useWatch(['menu', 'enabled'], form) as boolean | undefined;
  const missesNever = Form.useWatch('missesBeforeHandoff', form) === null;
  useEffect(() => form.setFieldsValue(inbox.settings.bot), [form, inbox]);
  const save = useMutation({
    mutationFn: (bot: InboxBotSettings) => updateInbox(inbox.id, { settings: { bot } }),
    onSuccess: async () => {
      message.success(t('bot.settings.saved'));
      await queryClient.invalidateQueries({ queryKey: inboxesKey });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      // Field paths come from the server, so they are not the form's typed names.
      (form as FormInstance).setFields(
        error.fieldIssues.flatMap((issue) => {
          const name = issue.field ? botFieldPath(issue.field) : undefined;
          return name ? [{ name, errors: [issue.issue] }] : [];
        }),
      );
    },
  });
  const teamOptions = [{ value: ANY_TEAM, label: t('bot.settings.anyTeam') }, ...teams.options];
  const score = { min: 0, max: 1, step: 0.05, style: { width: 120 } };

  return (
    <Form<InboxBotSettings>
      form={form}
      layout="vertical"
      disabled={!canManage}
      initialValues={inbox.settings.bot}
      onFinish={(values) => save.mutate({ ...inbox.settings.bot, ...values })}
      style={{ maxWidth: 760 }}
    >
      {canManage ? null : (
        <Alert type="info" showIcon title={t('bot.settings.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form.Item name="mode" label={t('bot.settings.mode')}>
        <Radio.Group
          options={BOT_MODES.map((mode) => ({ value: mode, label: t(`bot.settings.modes.${mode}`) }))}
          optionType="default"
        />
      </Form.Item>
      <Form.Item name="name" label={t('bot.settings.name')} rules={[{ required: true, whitespace: true, max: 30 }]}>
        <Input style={{ maxWidth: 240 }} />
      </Form.Item>
      <Space wrap size={24} align="start">
        <Form.Item
          name="answerThreshold"
          label={t('bot.settings.answerThreshold')}
          extra={t('bot.settings.answerThresholdHint')}
        >
          <InputNumber {...score} />
        </Form.Item>
        <Form.Item
          name="suggestThreshold"
          label={t('bot.settings.suggestThreshold')}
          extra={t('bot.settings.suggestThresholdHint')}
        >
          <InputNumber {...score} />
        </Form.Item>
        <Form.Item
          name="answerMargin"
          label={t('bot.settings.answerMargin')}
          extra={t('bot.settings.answerMarginHint')}
        >
          <InputNumber {...score} step={0.01} />
        </Form.Item>
      </Space>
      <Space wrap size={24} align="start">
        <Form.Item name="maxSuggestions" label={t('bot.settings.maxSuggestions')}>
          <InputNumber min={1} max={3} precision={0} />
        </Form.Item>
        <Form.Item label={t('bot.settings.missesBeforeHandoff')}>
          <Space>
            <Form.Item name="missesBeforeHandoff" noStyle hidden={missesNever}>
              <InputNumber min={1} max={10} precision={0} />
            </Form.Item>
            <Switch
              checked={missesNever}
              onChange={(never) => form.setFieldValue('missesBeforeHandoff', never ? null : 2)}
              aria-label={t('bot.settings.neverForMisses')}
            />
            {t('bot.settings.neverForMisses')}
          </Space>
        </Form.Item>
      </Space>
      <Form.Item name="handoffOnComplaint" valuePropName="checked" label={t('bot.settings.handoffOnComplaint')}>
        <Switch />
      </Form.Item>

      <Divider titlePlacement="start">{t('bot.settings.humanOnlyTopics')}</Divider>
      <Typography.Paragraph type="secondary">{t('bot.settings.humanOnlyTopicsHint')}</Typography.Paragraph>
      <Form.List name="humanOnlyTopics">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item
                  name={[field.name, 'name']}
                  label={t('bot.settings.topicName')}
                  rules={[{ required: true, max: 30 }]}
                >
                  <Input style={{ width: 140 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'keywords']}
                  label={t('bot.settings.keywords')}
                  rules={[{ required: true }]}
                >
                  <Select
                    mode="tags"
                    style={{ width: 260 }}
                    placeholder={t('bot.settings.keywordsPlaceholder')}
                    open={false}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'teamId']} label={t('bot.settings.team')} {...nullableTeam}>
                  <Select style={{ width: 160 }} options={teamOptions} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                  {t('common.delete')}
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ name: '', keywords: [], teamId: null })}>{t('bot.settings.addTopic')}</Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('bot.settings.menu')}</Divider>
      <Form.Item
        name={['menu', 'enabled']}
        valuePropName="checked"
        label={t('bot.settings.menuEnabled')}
        extra={t('bot.settings.menuHint')}
      >
        <Switch />
      </Form.Item>
      <div hidden={!menuEnabled}>
        <Form.Item
          name={['menu', 'prompt']}
          label={t('bot.settings.menuPrompt')}
          rules={[{ required: true, max: 500 }]}
        >
          <Input />
        </Form.Item>
        <Form.List name={['menu', 'items']}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <MenuItemFields
                  key={field.key}
                  name={field.name}
                  number={index + 1}
                  teamOptions={teamOptions}
                  onRemove={() => remove(field.name)}
                />
              ))}
              <Button
                disabled={fields.length >= 9}
                onClick={() => add({ label: '', action: { type: 'answer', text: '' } })}
              >
                {t('bot.settings.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </div>

      <Divider titlePlacement="start">{t('bot.settings.texts')}</Divider>
      {TEXT_FIELDS.map(([key, label]) => (
        <Form.Item
          key={key}
          name={['texts', key]}
          label={t(label)}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      ))}
      {canManage ? (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('bot.settings.save')}
        </Button>
      ) : null}
    </Form>
  );
}

function MenuItemFields({
  name,
  number,
  teamOptions,
  onRemove,
}: {
  name: number;
  number: number;
  teamOptions: { value: string; label: string }[];
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const type = Form.useWatch(['menu', 'items', name, 'action', 'type'], form) as string | undefined;
  return (
    <Space align="start" wrap>
      <Typography.Text strong style={{ display: 'inline-block', marginTop: 34 }}>
        {number}.
      </Typography.Text>
      <Form.Item name={[name, 'label']} label={t('bot.settings.itemLabel')} rules={[{ required: true, max: 30 }]}>
        <Input style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name={[name, 'action', 'type']} label={t('bot.settings.itemAction')}>
        <Select
          style={{ width: 150 }}
          options={(['answer', 'entry', 'handoff'] as const).map((value) => ({
            value,
            label: t(`bot.settings.actions.${value}`),
          }))}
        />
      </Form.Item>
      {type === 'answer' ? (
        <Form.Item
          name={[name, 'action', 'text']}
          label={t('bot.settings.itemText')}
          rules={[{ required: true, max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} style={{ width: 280 }} />
        </Form.Item>
      ) : null}
      {type === 'entry' ? (
        <Form.Item name={[name, 'action', 'entryId']} label={t('bot.settings.itemEntry')} rules={[{ required: true }]}>
          <EntrySelectWide />
        </Form.Item>
      ) : null}
      {type === 'handoff' ? (
        <Form.Item name={[name, 'action', 'teamId']} label={t('bot.settings.team')} {...nullableTeam}>
          <Select style={{ width: 160 }} options={teamOptions} />
        </Form.Item>
      ) : null}
      <Button type="link" danger onClick={onRemove} style={{ marginTop: 30 }}>
        {t('common.delete')}
      </Button>
    </Space>
  );
}

function EntrySelectWide(props: Parameters<typeof EntrySelect>[0]) {
  return (
    <div style={{ width: 280 }}>
      <EntrySelect {...props} />
    </div>
  );
}
