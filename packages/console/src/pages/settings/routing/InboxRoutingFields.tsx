import { ROUTING_STRATEGIES } from '@kefu/shared';
import { Divider, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RuleOrderField } from './RuleOrderField';
import { SkillRulesField } from './SkillRulesField';
import { TeamChoiceFields } from './TeamChoiceFields';
import { useTeamOptions } from './useTeamOptions';

/** Select cannot hold null: "no team" travels as this and becomes null in the form. */
const NO_TEAM = 'no-team';
const CLOSING_MESSAGE_MAX = 500;

const nullableTeam = {
  getValueProps: (value: string | null) => ({ value: value ?? NO_TEAM }),
  normalize: (value: string) => (value === NO_TEAM ? null : value),
};

function NumberWithUnit({ unit, ...props }: { unit: string } & Parameters<typeof InputNumber>[0]) {
  return (
    <Space.Compact>
      <InputNumber precision={0} style={{ width: 140 }} {...props} />
      <Space.Addon>{unit}</Space.Addon>
    </Space.Compact>
  );
}

/**
 * The inbox settings' 分配规则 section (`settings.routing`) and the widget's team choice (`settings.teamChoice`).
 * Its fields live under `routing` and `teamChoice` in the inbox form; the server's validation errors are placed
 * on them by `placeSettingsErrors`.
 */
export function InboxRoutingFields() {
  const { t } = useTranslation();
  const teams = useTeamOptions();
  const enabled = Form.useWatch(['routing', 'enabled']) as boolean | undefined;
  const whenFull = Form.useWatch(['routing', 'whenFull']) as string | undefined;
  const autoCloseMinutes = Form.useWatch(['routing', 'autoCloseMinutes']) as number | null | undefined;
  const teamOptions = (none: string) => [{ value: NO_TEAM, label: none }, ...teams.options];
  const range = (min: number, max: number) => [
    { type: 'integer' as const, min, max, message: t('routing.settings.range', { min, max }) },
  ];

  return (
    <div data-testid="inbox-routing">
      <Divider titlePlacement="start">{t('routing.settings.title')}</Divider>
      <TeamChoiceFields />
      <Form.Item
        name={['routing', 'enabled']}
        label={t('routing.settings.enabled')}
        extra={t('routing.settings.enabledHint')}
        valuePropName="checked"
      >
        <Switch data-testid="routing-enabled" />
      </Form.Item>
      <div hidden={!enabled}>
        <Form.Item
          name={['routing', 'rules']}
          label={t('routing.settings.rules')}
          extra={t('routing.settings.rulesHint')}
        >
          <RuleOrderField />
        </Form.Item>
        <Form.Item
          name={['routing', 'previousAgentHours']}
          label={t('routing.settings.previousAgentHours')}
          rules={range(1, 2160)}
        >
          <NumberWithUnit unit={t('routing.units.hours')} min={1} max={2160} />
        </Form.Item>
        <SkillRulesField />
        <Form.Item
          name={['routing', 'defaultTeamId']}
          label={t('routing.settings.defaultTeam')}
          extra={t('routing.settings.defaultTeamHint')}
          {...nullableTeam}
        >
          <Select loading={teams.loading} options={teamOptions(t('routing.settings.everyone'))} />
        </Form.Item>
        <Form.Item name={['routing', 'strategy']} label={t('routing.settings.strategy')}>
          <Radio.Group>
            <Space direction="vertical">
              {ROUTING_STRATEGIES.map((strategy) => (
                <Radio key={strategy} value={strategy}>
                  {t(`routing.strategies.${strategy}`)}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {t(`routing.strategyHints.${strategy}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name={['routing', 'whenFull']} label={t('routing.settings.whenFull')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'queue', label: t('routing.settings.whenFullQueue') },
              { value: 'pool', label: t('routing.settings.whenFullPool') },
            ]}
          />
        </Form.Item>
        <div hidden={whenFull !== 'queue'}>
          <Form.Item
            name={['routing', 'overflowTeamId']}
            label={t('routing.settings.overflowTeam')}
            extra={t('routing.settings.overflowTeamHint')}
            {...nullableTeam}
          >
            <Select loading={teams.loading} options={teamOptions(t('routing.settings.noOverflow'))} />
          </Form.Item>
          <Form.Item
            name={['routing', 'overflowAfterSeconds']}
            label={t('routing.settings.overflowAfter')}
            rules={range(10, 86_400)}
          >
            <NumberWithUnit unit={t('routing.units.seconds')} min={10} max={86_400} />
          </Form.Item>
          <Form.Item
            name={['routing', 'priorityTags']}
            label={t('routing.settings.priorityTags')}
            extra={t('routing.settings.priorityTagsHint')}
          >
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item
            name={['routing', 'complaintLabels']}
            label={t('routing.settings.complaintLabels')}
            extra={t('routing.settings.complaintLabelsHint')}
          >
            <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item
            name={['routing', 'abandonAfterSeconds']}
            label={t('routing.settings.abandonAfter')}
            extra={t('routing.settings.abandonAfterHint')}
            rules={range(15, 600)}
          >
            <NumberWithUnit unit={t('routing.units.seconds')} min={15} max={600} />
          </Form.Item>
        </div>
        <Form.Item
          name={['routing', 'autoTransferSeconds']}
          label={t('routing.settings.autoTransfer')}
          extra={t('routing.settings.autoTransferHint')}
          rules={range(15, 3600)}
        >
          <NumberWithUnit
            unit={t('routing.units.seconds')}
            min={15}
            max={3600}
            placeholder={t('routing.settings.never')}
          />
        </Form.Item>
      </div>
      <Form.Item
        name={['routing', 'autoCloseMinutes']}
        label={t('routing.settings.autoClose')}
        extra={t('routing.settings.autoCloseHint')}
        rules={range(1, 1440)}
      >
        <NumberWithUnit
          unit={t('routing.units.minutes')}
          min={1}
          max={1440}
          placeholder={t('routing.settings.never')}
        />
      </Form.Item>
      <Form.Item
        name={['routing', 'closingMessage']}
        label={t('routing.settings.closingMessage')}
        extra={autoCloseMinutes == null ? t('routing.settings.closingMessageUnused') : undefined}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: CLOSING_MESSAGE_MAX, message: t('validation.maxLength', { max: CLOSING_MESSAGE_MAX }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} showCount maxLength={CLOSING_MESSAGE_MAX} />
      </Form.Item>
    </div>
  );
}
