import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  BUILT_IN_REQUIRABLE_FIELDS,
  type TicketFieldDefinition,
  TRANSITION_PERMISSIONS,
  WORKFLOW_REQUIREMENTS,
  WORKFLOW_STATE_CATEGORIES,
  WORKFLOW_TRIGGERS,
  type WorkflowDefinition,
  type WorkflowState,
  type WorkflowTransition,
} from '@kefu/shared';
import {
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Radio,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';

function freshKey(prefix: string, taken: readonly { key: string }[]): string {
  let n = taken.length + 1;
  while (taken.some((item) => item.key === `${prefix}_${n}`)) n += 1;
  return `${prefix}_${n}`;
}

/**
 * 流程: the states (with their category and entry conditions) and the transitions between them (by hand or on an
 * event, with permission, required fields and conditions), and the closed-loop rules of a complaint workflow.
 */
export function WorkflowEditor({
  workflow,
  fields,
  onChange,
}: {
  workflow: WorkflowDefinition;
  fields: readonly TicketFieldDefinition[];
  onChange(workflow: WorkflowDefinition): void;
}) {
  const { t } = useTranslation();
  const setState = (index: number, patch: Partial<WorkflowState>) => {
    const old = workflow.states[index]?.key;
    // A renamed state keeps its transitions.
    const rename = (key: string) => (patch.key !== undefined && key === old ? patch.key : key);
    onChange({
      ...workflow,
      states: workflow.states.map((s, i) => (i === index ? { ...s, ...patch } : s)),
      transitions: workflow.transitions.map((tr) => ({ ...tr, from: rename(tr.from), to: rename(tr.to) })),
    });
  };
  const setInitial = (index: number) =>
    onChange({ ...workflow, states: workflow.states.map((s, i) => ({ ...s, initial: i === index })) });
  const setTransition = (index: number, patch: Partial<WorkflowTransition>) =>
    onChange({
      ...workflow,
      transitions: workflow.transitions.map((tr, i) => (i === index ? { ...tr, ...patch } : tr)),
    });
  const stateOptions = workflow.states.map((state) => ({ value: state.key, label: state.name || state.key }));
  const requirementOptions = WORKFLOW_REQUIREMENTS.map((value) => ({
    value,
    label: t(`ticketTypes.requirements.${value}`),
  }));
  const fieldOptions = [
    ...fields.map((field) => ({ value: field.key, label: field.label })),
    ...BUILT_IN_REQUIRABLE_FIELDS.map((value) => ({ value, label: t(`tickets.builtInFields.${value}`) })),
  ];

  const stateColumns: TableColumnsType<WorkflowState & { index: number }> = [
    {
      key: 'initial',
      title: t('ticketTypes.workflow.initial'),
      width: 60,
      render: (_, state) => (
        <Radio
          checked={state.initial}
          onChange={() => setInitial(state.index)}
          aria-label={t('ticketTypes.workflow.initial')}
        />
      ),
    },
    {
      key: 'name',
      title: t('ticketTypes.workflow.stateName'),
      render: (_, state) => (
        <Input value={state.name} maxLength={20} onChange={(e) => setState(state.index, { name: e.target.value })} />
      ),
    },
    {
      key: 'key',
      title: t('ticketTypes.workflow.key'),
      render: (_, state) => (
        <Input value={state.key} maxLength={40} onChange={(e) => setState(state.index, { key: e.target.value })} />
      ),
    },
    {
      key: 'category',
      title: t('ticketTypes.workflow.category'),
      render: (_, state) => (
        <Select
          value={state.category}
          onChange={(category) => setState(state.index, { category })}
          options={WORKFLOW_STATE_CATEGORIES.map((value) => ({ value, label: t(`tickets.stateCategories.${value}`) }))}
          style={{ width: 110 }}
        />
      ),
    },
    {
      key: 'requires',
      title: t('ticketTypes.workflow.entryRequires'),
      render: (_, state) => (
        <Select
          mode="multiple"
          value={state.requires}
          onChange={(requires) => setState(state.index, { requires })}
          options={requirementOptions}
          style={{ minWidth: 180 }}
        />
      ),
    },
    {
      key: 'remove',
      width: 48,
      render: (_, state) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('common.delete')}
          onClick={() => onChange({ ...workflow, states: workflow.states.filter((_, i) => i !== state.index) })}
        />
      ),
    },
  ];

  const transitionColumns: TableColumnsType<WorkflowTransition & { index: number }> = [
    {
      key: 'name',
      title: t('ticketTypes.workflow.transitionName'),
      render: (_, tr) => (
        <Input value={tr.name} maxLength={20} onChange={(e) => setTransition(tr.index, { name: e.target.value })} />
      ),
    },
    {
      key: 'from',
      title: t('ticketTypes.workflow.from'),
      render: (_, tr) => (
        <Select
          value={tr.from}
          onChange={(from) => setTransition(tr.index, { from })}
          options={stateOptions}
          style={{ width: 110 }}
        />
      ),
    },
    {
      key: 'to',
      title: t('ticketTypes.workflow.to'),
      render: (_, tr) => (
        <Select
          value={tr.to}
          onChange={(to) => setTransition(tr.index, { to })}
          options={stateOptions}
          style={{ width: 110 }}
        />
      ),
    },
    {
      key: 'trigger',
      title: t('ticketTypes.workflow.trigger'),
      render: (_, tr) => (
        <Select
          value={tr.trigger}
          onChange={(trigger) => setTransition(tr.index, { trigger })}
          options={WORKFLOW_TRIGGERS.map((value) => ({
            value,
            label: t(`ticketTypes.triggers.${value.replace('.', '_') as 'manual'}`),
          }))}
          style={{ width: 140 }}
        />
      ),
    },
    {
      key: 'permission',
      title: t('ticketTypes.workflow.permission'),
      render: (_, tr) => (
        <Select
          value={tr.permission}
          disabled={tr.trigger !== 'manual'}
          onChange={(permission) => setTransition(tr.index, { permission })}
          options={TRANSITION_PERMISSIONS.map((value) => ({
            value,
            label: t(`ticketTypes.permissions.${value.replace('.', '_') as 'tickets_write'}`),
          }))}
          style={{ width: 110 }}
        />
      ),
    },
    {
      key: 'requiredFields',
      title: t('ticketTypes.workflow.requiredFields'),
      render: (_, tr) => (
        <Select
          mode="multiple"
          value={tr.requiredFields}
          onChange={(requiredFields) => setTransition(tr.index, { requiredFields })}
          options={fieldOptions}
          style={{ minWidth: 140 }}
        />
      ),
    },
    {
      key: 'requires',
      title: t('ticketTypes.workflow.requires'),
      render: (_, tr) => (
        <Select
          mode="multiple"
          value={tr.requires}
          onChange={(requires) => setTransition(tr.index, { requires })}
          options={requirementOptions}
          style={{ minWidth: 160 }}
        />
      ),
    },
    {
      key: 'remove',
      width: 48,
      render: (_, tr) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('common.delete')}
          onClick={() => onChange({ ...workflow, transitions: workflow.transitions.filter((_, i) => i !== tr.index) })}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="workflow-editor">
      <Card size="small" title={t('ticketTypes.workflow.loop')}>
        <Flex gap={24} wrap align="center">
          <Flex gap={8} align="center">
            <Switch
              checked={workflow.closedLoop}
              onChange={(closedLoop) => onChange({ ...workflow, closedLoop })}
              aria-label={t('ticketTypes.workflow.closedLoop')}
            />
            <Typography.Text>{t('ticketTypes.workflow.closedLoop')}</Typography.Text>
          </Flex>
          <Flex gap={8} align="center">
            <Typography.Text>{t('ticketTypes.workflow.secondApprovalAbove')}</Typography.Text>
            <InputNumber
              value={workflow.secondApprovalAbove}
              min={0}
              precision={2}
              prefix="¥"
              placeholder={t('ticketTypes.workflow.noSecondApproval')}
              onChange={(value) => onChange({ ...workflow, secondApprovalAbove: value ?? null })}
              aria-label={t('ticketTypes.workflow.secondApprovalAbove')}
              style={{ width: 180 }}
            />
          </Flex>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('ticketTypes.workflow.closedLoopHelp')}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        title={t('ticketTypes.workflow.states')}
        extra={
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...workflow,
                states: [
                  ...workflow.states,
                  {
                    key: freshKey('state', workflow.states),
                    name: t('ticketTypes.workflow.newState'),
                    category: 'open',
                    initial: false,
                    requires: [],
                  },
                ],
              })
            }
          >
            {t('ticketTypes.workflow.addState')}
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="index"
          pagination={false}
          columns={stateColumns}
          dataSource={workflow.states.map((state, index) => ({ ...state, index }))}
          scroll={{ x: 760 }}
          aria-label={t('ticketTypes.workflow.states')}
        />
      </Card>
      <Card
        size="small"
        title={t('ticketTypes.workflow.transitions')}
        extra={
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={workflow.states.length < 2}
            onClick={() =>
              onChange({
                ...workflow,
                transitions: [
                  ...workflow.transitions,
                  {
                    key: freshKey('transition', workflow.transitions),
                    name: t('ticketTypes.workflow.newTransition'),
                    from: workflow.states[0]?.key ?? '',
                    to: workflow.states[1]?.key ?? '',
                    trigger: 'manual',
                    permission: 'tickets.write',
                    requiredFields: [],
                    requires: [],
                  },
                ],
              })
            }
          >
            {t('ticketTypes.workflow.addTransition')}
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="index"
          pagination={false}
          columns={transitionColumns}
          dataSource={workflow.transitions.map((transition, index) => ({ ...transition, index }))}
          scroll={{ x: 1100 }}
          aria-label={t('ticketTypes.workflow.transitions')}
        />
      </Card>
    </Flex>
  );
}
