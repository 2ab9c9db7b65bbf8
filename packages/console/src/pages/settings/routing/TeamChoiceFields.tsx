import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTeamOptions } from './useTeamOptions';

const MAX_CHOICES = 10;

/** The teams the widget offers before the first message (售前 / 售后 / 技术支持), each with its label. */
export function TeamChoiceFields() {
  const { t } = useTranslation();
  const teams = useTeamOptions();
  const enabled = Form.useWatch(['teamChoice', 'enabled']) as boolean | undefined;
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <>
      <Form.Item
        name={['teamChoice', 'enabled']}
        label={t('routing.teamChoice.enabled')}
        extra={t('routing.teamChoice.enabledHint')}
        valuePropName="checked"
      >
        <Switch data-testid="team-choice-enabled" />
      </Form.Item>
      <Form.Item
        name={['teamChoice', 'prompt']}
        label={t('routing.teamChoice.prompt')}
        hidden={!enabled}
        rules={[{ max: 200, message: t('validation.maxLength', { max: 200 }) }]}
      >
        <Input />
      </Form.Item>
      <Form.Item label={t('routing.teamChoice.teams')} hidden={!enabled}>
        <Form.List
          name={['teamChoice', 'teams']}
          rules={[
            {
              validator: async (_, choices: { teamId?: string }[] | undefined) => {
                const ids = (choices ?? []).map((choice) => choice.teamId).filter(Boolean);
                if (new Set(ids).size !== ids.length) throw new Error(t('routing.teamChoice.duplicate'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" data-testid="team-choice">
                  <Form.Item name={[field.name, 'teamId']} rules={[required]} style={{ margin: 0, width: 160 }}>
                    <Select
                      aria-label={t('routing.teamChoice.team')}
                      placeholder={t('routing.teamChoice.team')}
                      loading={teams.loading}
                      options={teams.options}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'label']}
                    rules={[required, { max: 30, message: t('validation.maxLength', { max: 30 }) }]}
                    style={{ margin: 0, flex: 1 }}
                  >
                    <Input aria-label={t('routing.teamChoice.label')} placeholder={t('routing.teamChoice.labelHint')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_CHOICES}
                onClick={() => add({ teamId: undefined, label: '' })}
                data-testid="add-team-choice"
              >
                {t('routing.teamChoice.add')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
