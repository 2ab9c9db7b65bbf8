import {
  type InboxView,
  inboxBusinessHoursSettings,
  LOCALES,
  type Locale,
  PRE_CHAT_FIELDS,
  type RoutingSettings,
  routingSettings,
  type TeamChoiceSettings,
  teamChoiceSettings,
  type WidgetSettings,
} from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createInbox, inboxesKey, updateInbox } from '../../../api/inboxes';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { useServerFormErrors } from '../../../forms/useServerFormErrors';
import { InboxBusinessHoursFields } from '../business-hours/InboxBusinessHoursFields';
import { InboxRoutingFields } from '../routing/InboxRoutingFields';
import { placeSettingsErrors } from '../routing/settingsFieldErrors';

const formId = 'inbox';
const MESSAGE_MAX = 500;

interface InboxValues {
  name: string;
  welcomeMessage: string;
  offlineMessage: string;
  businessHours: WidgetSettings['businessHours'];
  preChatEnabled: boolean;
  preChatFields: WidgetSettings['preChatForm']['fields'];
  color: string;
  locale: Locale;
  position: WidgetSettings['position'];
  routing: RoutingSettings;
  teamChoice: TeamChoiceSettings;
}

/** The server's defaults (see `widgetSettings`), so a new inbox starts as it would without them. */
const NEW_INBOX: InboxValues = {
  name: '',
  welcomeMessage: '您好，欢迎咨询！请问有什么可以帮您？',
  offlineMessage: '客服暂时不在线，请留下您的联系方式和问题，我们会尽快回复。',
  businessHours: inboxBusinessHoursSettings.parse({}),
  preChatEnabled: false,
  preChatFields: ['name', 'phone'],
  color: '#1677ff',
  locale: 'zh-CN',
  position: 'right',
  routing: routingSettings.parse({}),
  teamChoice: teamChoiceSettings.parse({}),
};

function toValues(inbox: InboxView): InboxValues {
  const { settings } = inbox;
  return {
    name: inbox.name,
    welcomeMessage: settings.welcomeMessage,
    offlineMessage: settings.offlineMessage,
    businessHours: settings.businessHours,
    preChatEnabled: settings.preChatForm.enabled,
    preChatFields: settings.preChatForm.fields,
    color: settings.color,
    locale: settings.locale,
    position: settings.position,
    routing: settings.routing,
    teamChoice: settings.teamChoice,
  };
}

/** The form's part of the settings; the bot block stays as it is. */
function toSettings(values: InboxValues): Omit<WidgetSettings, 'bot'> {
  return {
    welcomeMessage: values.welcomeMessage?.trim() ?? '',
    offlineMessage: values.offlineMessage?.trim() ?? '',
    businessHours: {
      calendarId: values.businessHours?.calendarId ?? null,
      autoReply: values.businessHours?.autoReply?.trim() ?? '',
    },
    preChatForm: { enabled: values.preChatEnabled, fields: values.preChatFields },
    color: values.color,
    locale: values.locale,
    position: values.position,
    routing: toRouting(values.routing),
    teamChoice: {
      enabled: values.teamChoice.enabled,
      prompt: values.teamChoice.prompt?.trim() ?? '',
      teams: (values.teamChoice.teams ?? []).map((choice) => ({ teamId: choice.teamId, label: choice.label.trim() })),
    },
  };
}

/** The whole routing block, as the server wants it; texts trimmed, emptied numbers null. */
function toRouting(routing: RoutingSettings): RoutingSettings {
  return {
    ...routing,
    skillRules: (routing.skillRules ?? []).map((rule) => ({ ...rule, value: rule.value.trim() })),
    priorityTags: (routing.priorityTags ?? []).map((tag) => tag.trim()).filter(Boolean),
    complaintLabels: (routing.complaintLabels ?? []).map((label) => label.trim()).filter(Boolean),
    autoTransferSeconds: routing.autoTransferSeconds ?? null,
    autoCloseMinutes: routing.autoCloseMinutes ?? null,
    closingMessage: routing.closingMessage?.trim() ?? '',
  };
}

/** Creates a web-widget inbox, or edits `inbox` when given. */
export function InboxFormModal({
  inbox,
  onClose,
  onCreated,
}: {
  inbox?: InboxView;
  onClose: () => void;
  onCreated?: (inbox: InboxView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [form] = Form.useForm<InboxValues>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);
  const preChatEnabled = Form.useWatch('preChatEnabled', form);
  const color = Form.useWatch('color', form);

  const mutation = useMutation({
    mutationFn: (values: InboxValues) => {
      const body = { name: values.name.trim(), settings: toSettings(values) };
      return inbox ? updateInbox(inbox.id, body) : createInbox(body);
    },
    onMutate: clearError,
    onSuccess: async (saved) => {
      message.success(t(inbox ? 'inboxes.updated' : 'inboxes.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: inboxesKey });
      if (!inbox && onCreated) onCreated(saved);
      else onClose();
    },
    onError: (error) => {
      if (!placeSettingsErrors(form, error)) handleError(error);
    },
  });

  const messageRules = [{ max: MESSAGE_MAX, message: t('validation.maxLength', { max: MESSAGE_MAX }) }];

  return (
    <Modal
      open
      title={t(inbox ? 'inboxes.editTitle' : 'inboxes.createTitle')}
      okText={t(inbox ? 'common.save' : 'common.create')}
      okButtonProps={{ htmlType: 'submit', form: formId }}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      width={600}
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={inbox ? toValues(inbox) : NEW_INBOX}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item name="name" label={t('inboxes.name')} rules={rules.name}>
          <Input autoComplete="off" placeholder={t('inboxes.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="welcomeMessage" label={t('inboxes.welcomeMessage')} rules={messageRules}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} showCount maxLength={MESSAGE_MAX} />
        </Form.Item>
        <Form.Item
          name="offlineMessage"
          label={t('inboxes.offlineMessage')}
          extra={t('inboxes.offlineMessageHint')}
          rules={messageRules}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} showCount maxLength={MESSAGE_MAX} />
        </Form.Item>
        <InboxBusinessHoursFields />
        <Form.Item name="preChatEnabled" label={t('inboxes.preChatForm')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="preChatFields"
          label={t('inboxes.preChatFields')}
          hidden={!preChatEnabled}
          rules={[
            {
              validator: (_, value: unknown[] | undefined) =>
                !form.getFieldValue('preChatEnabled') || (value?.length ?? 0) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('inboxes.preChatFieldsRequired'))),
            },
          ]}
        >
          <Checkbox.Group
            options={PRE_CHAT_FIELDS.map((field) => ({ value: field, label: t(`inboxes.fields.${field}`) }))}
          />
        </Form.Item>
        {/* The browser's own colour picker: Ant Design's would add ~90 kB to the chunk every page loads. */}
        <Form.Item label={t('inboxes.color')} htmlFor="inbox-color">
          <Space>
            <Form.Item name="color" noStyle>
              <Input id="inbox-color" type="color" style={{ width: 64, padding: 2 }} />
            </Form.Item>
            <Typography.Text code>{color}</Typography.Text>
          </Space>
        </Form.Item>
        <Form.Item name="locale" label={t('inboxes.locale')} extra={t('inboxes.localeHint')}>
          <Select options={LOCALES.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }))} />
        </Form.Item>
        <Form.Item name="position" label={t('inboxes.position')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'right', label: t('inboxes.positions.right') },
              { value: 'left', label: t('inboxes.positions.left') },
            ]}
          />
        </Form.Item>
        <InboxRoutingFields />
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
