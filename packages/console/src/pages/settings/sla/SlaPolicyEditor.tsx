import { SLA_LIMITS, SLA_WARNING_MODES, type SlaPolicyView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Flex,
  Form,
  type FormRule,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSlaPolicy, slaPoliciesKey, updateSlaPolicy } from '../../../api/slaPolicies';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { DurationInput } from './DurationInput';
import {
  changesOf,
  isNameTaken,
  isVersionConflict,
  NEW_POLICY,
  type PolicyFormValues,
  placePolicyErrors,
  TARGET_KEYS,
  type TargetKey,
  toFormValues,
  toRequestBody,
  WARNING_DEFAULTS,
} from './policyForm';
import { usePolicyOptions } from './usePolicyOptions';

const formId = 'sla-policy';
/** Tags may be typed one after another, separated by commas (both widths). */
const TAG_SEPARATORS = [',', '，'];
const MAX_MINUTES = SLA_LIMITS.targetMaxMinutes;
const TARGET_HINTS: Record<TargetKey, 'firstResponseHint' | 'nextResponseHint' | 'resolutionHint'> = {
  firstResponseMinutes: 'firstResponseHint',
  nextResponseMinutes: 'nextResponseHint',
  resolutionMinutes: 'resolutionHint',
};

/** A Select of ids where the API's "none" is null: the Select shows its placeholder for it. */
const nullableSelect = {
  getValueProps: (value: string | null | undefined) => ({ value: value ?? undefined }),
  normalize: (value: string | undefined) => value ?? null,
};

function Section({ title, hint }: { title: string; hint?: string }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {title}
      </Typography.Title>
      {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
    </>
  );
}

/** Creates an SLA policy, or changes `policy` (sending only the settings that changed, with its version). */
export function SlaPolicyEditor({ policy, onClose }: { policy?: SlaPolicyView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const options = usePolicyOptions();
  const [form] = Form.useForm<PolicyFormValues>();
  // Read once: a refetch after a conflict brings a new version, not new values over what the admin typed.
  const [initialValues] = useState(() => (policy ? toFormValues(policy) : NEW_POLICY));
  const warningMode = Form.useWatch(['warning', 'mode'], form) ?? initialValues.warning.mode;
  const [bannerError, setBannerError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);

  const mutation = useMutation({
    mutationFn: async (values: PolicyFormValues) => {
      const body = toRequestBody(values);
      if (!policy) return createSlaPolicy(body);
      const changes = changesOf(policy, body);
      return changes ? updateSlaPolicy(policy.id, changes) : null;
    },
    onMutate: () => {
      setBannerError(null);
      setConflict(false);
    },
    onSuccess: async (saved) => {
      if (saved === null) message.info(t('slaPolicies.unchanged'));
      else message.success(t(policy ? 'slaPolicies.saved' : 'slaPolicies.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: slaPoliciesKey });
      onClose();
    },
    onError: async (error) => {
      if (isNameTaken(error)) {
        form.setFields([{ name: 'name', errors: [t('slaPolicies.nameTaken')] }]);
      } else if (isVersionConflict(error)) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: slaPoliciesKey });
      } else if (!placePolicyErrors(form, error)) {
        setBannerError(error);
      }
    },
  });

  const minutesRange = () =>
    Promise.reject(new Error(t('slaPolicies.validation.minutesRange', { max: MAX_MINUTES / 60 })));
  const inRange = (value: unknown) => typeof value === 'number' && value >= 1 && value <= MAX_MINUTES;
  const targetRules = (key: TargetKey): FormRule[] => [
    {
      validator: (_, value) =>
        value === null || value === undefined || inRange(value) ? Promise.resolve() : minutesRange(),
    },
    // Whether any target is set is said once, on the first.
    ...(key === 'firstResponseMinutes'
      ? [
          ({ getFieldValue }: { getFieldValue: (name: string[]) => unknown }) => ({
            validator: () =>
              TARGET_KEYS.some((k) => typeof getFieldValue(['targets', k]) === 'number')
                ? Promise.resolve()
                : Promise.reject(new Error(t('slaPolicies.validation.oneTarget'))),
          }),
        ]
      : []),
  ];

  const warningValueRules: FormRule[] = [
    {
      validator: (_, value: number | null | undefined) => {
        if (warningMode === 'percent' && !(typeof value === 'number' && value >= 1 && value <= 99)) {
          return Promise.reject(new Error(t('slaPolicies.validation.percentRange')));
        }
        if (warningMode === 'minutes' && !inRange(value)) return minutesRange();
        return Promise.resolve();
      },
    },
  ];

  return (
    <Drawer
      open
      size="large"
      title={policy ? t('slaPolicies.editTitle', { name: policy.name }) : t('slaPolicies.createTitle')}
      onClose={onClose}
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" form={formId} loading={mutation.isPending}>
            {t(policy ? 'common.save' : 'common.create')}
          </Button>
        </Flex>
      }
    >
      <Form<PolicyFormValues>
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={(values) => mutation.mutate(values)}
        onValuesChange={(changed: Partial<PolicyFormValues>) => {
          const mode = changed.warning?.mode;
          if (mode) form.setFieldValue(['warning', 'value'], WARNING_DEFAULTS[mode]);
          // Whether any target is set is checked on the first one; re-check it when another changes.
          if (changed.targets) void form.validateFields([['targets', 'firstResponseMinutes']]).catch(() => undefined);
        }}
      >
        <Section title={t('slaPolicies.sections.basics')} />
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('slaPolicies.fields.name')} rules={rules.name}>
              <Input autoComplete="off" placeholder={t('slaPolicies.fields.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="enabled" label={t('slaPolicies.fields.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={t('slaPolicies.fields.description')}
          rules={[
            {
              max: SLA_LIMITS.descriptionMaxLength,
              message: t('validation.maxLength', { max: SLA_LIMITS.descriptionMaxLength }),
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>

        <Section title={t('slaPolicies.sections.conditions')} hint={t('slaPolicies.sections.conditionsHint')} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['conditions', 'typeIds']} label={t('slaPolicies.fields.typeIds')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('slaPolicies.fields.any')}
                loading={options.loading.types}
                optionFilterProp="label"
                options={options.types}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['conditions', 'priorities']} label={t('slaPolicies.fields.priorities')}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t('slaPolicies.fields.any')}
                options={options.priorities}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['conditions', 'customerTags']}
              label={t('slaPolicies.fields.customerTags')}
              extra={t('slaPolicies.fields.customerTagsHint')}
            >
              <Select mode="tags" tokenSeparators={TAG_SEPARATORS} placeholder={t('slaPolicies.fields.any')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['conditions', 'ticketTags']}
              label={t('slaPolicies.fields.ticketTags')}
              extra={t('slaPolicies.fields.ticketTagsHint')}
            >
              <Select mode="tags" tokenSeparators={TAG_SEPARATORS} placeholder={t('slaPolicies.fields.any')} />
            </Form.Item>
          </Col>
        </Row>

        <Section title={t('slaPolicies.sections.targets')} hint={t('slaPolicies.sections.targetsHint')} />
        <Form.Item name="calendarId" label={t('slaPolicies.fields.calendarId')}>
          <Select loading={options.loading.calendars} options={options.calendars} style={{ maxWidth: 360 }} />
        </Form.Item>
        {TARGET_KEYS.map((key) => (
          <Form.Item
            key={key}
            name={['targets', key]}
            label={t(`slaPolicies.fields.${key}`)}
            extra={t(`slaPolicies.fields.${TARGET_HINTS[key]}`)}
            rules={targetRules(key)}
          >
            <DurationInput label={t(`slaPolicies.fields.${key}`)} />
          </Form.Item>
        ))}

        <Section title={t('slaPolicies.sections.warning')} />
        <Form.Item name={['warning', 'mode']} label={t('slaPolicies.fields.warning')}>
          <Radio.Group
            options={SLA_WARNING_MODES.map((mode) => ({
              value: mode,
              label: t(`slaPolicies.fields.warningModes.${mode}`),
            }))}
          />
        </Form.Item>
        {warningMode === 'percent' ? (
          <Form.Item
            key="percent"
            name={['warning', 'value']}
            label={t('slaPolicies.fields.warningPercent')}
            rules={warningValueRules}
          >
            <InputNumber<number>
              aria-label={t('slaPolicies.fields.warningPercent')}
              min={1}
              max={99}
              precision={0}
              suffix="%"
              style={{ width: 130 }}
            />
          </Form.Item>
        ) : null}
        {warningMode === 'minutes' ? (
          <Form.Item
            key="minutes"
            name={['warning', 'value']}
            label={t('slaPolicies.fields.warningMinutes')}
            rules={warningValueRules}
          >
            <DurationInput label={t('slaPolicies.fields.warningBefore')} />
          </Form.Item>
        ) : null}
        <Form.Item name="pauseWhenPending" valuePropName="checked" extra={t('slaPolicies.fields.pauseWhenPendingHint')}>
          <Checkbox>{t('slaPolicies.fields.pauseWhenPending')}</Checkbox>
        </Form.Item>

        <Section title={t('slaPolicies.sections.onBreach')} hint={t('slaPolicies.sections.onBreachHint')} />
        <Form.Item name={['onBreach', 'notifySupervisors']} valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('slaPolicies.fields.notifySupervisors')}</Checkbox>
        </Form.Item>
        <Form.Item name={['onBreach', 'raisePriority']} valuePropName="checked">
          <Checkbox>{t('slaPolicies.fields.raisePriority')}</Checkbox>
        </Form.Item>
        <Form.Item name={['onBreach', 'notifyUserIds']} label={t('slaPolicies.fields.notifyUserIds')}>
          <Select
            mode="multiple"
            allowClear
            loading={options.loading.staff}
            optionFilterProp="label"
            options={options.staff}
            maxCount={SLA_LIMITS.notifyUsersMax}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['onBreach', 'reassignToUserId']}
              label={t('slaPolicies.fields.reassignToUserId')}
              {...nullableSelect}
            >
              <Select
                allowClear
                showSearch
                placeholder={t('slaPolicies.fields.nobody')}
                loading={options.loading.staff}
                optionFilterProp="label"
                options={options.staff}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['onBreach', 'reassignToTeamId']}
              label={t('slaPolicies.fields.reassignToTeamId')}
              {...nullableSelect}
            >
              <Select
                allowClear
                showSearch
                placeholder={t('slaPolicies.fields.nobody')}
                loading={options.loading.teams}
                optionFilterProp="label"
                options={options.teams}
              />
            </Form.Item>
          </Col>
        </Row>
        {conflict ? <Alert type="warning" showIcon title={t('slaPolicies.conflict')} /> : null}
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Drawer>
  );
}
