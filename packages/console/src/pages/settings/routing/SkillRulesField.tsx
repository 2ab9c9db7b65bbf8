import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { SKILL_MATCHES } from '@kefu/shared';
import { Button, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTeamOptions } from './useTeamOptions';

const MAX_SKILL_RULES = 50;

/** Skill rules (页面地址 / 语言 / 客户标签 → 技能组), tried in this order after the team the customer chose. */
export function SkillRulesField() {
  const { t } = useTranslation();
  const teams = useTeamOptions();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Form.Item label={t('routing.settings.skillRules')} extra={t('routing.settings.skillRulesHint')}>
      <Form.List name={['routing', 'skillRules']}>
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid="skill-rule">
                <Form.Item name={[field.name, 'match']} rules={[required]} style={{ margin: 0, width: 140 }}>
                  <Select
                    aria-label={t('routing.settings.skillMatch')}
                    options={SKILL_MATCHES.map((match) => ({
                      value: match,
                      label: t(`routing.skillMatches.${match}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'value']}
                  rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}
                  style={{ margin: 0, flex: 1 }}
                >
                  <Input
                    aria-label={t('routing.settings.skillValue')}
                    placeholder={t('routing.settings.skillValueHint')}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'teamId']} rules={[required]} style={{ margin: 0, width: 140 }}>
                  <Select
                    aria-label={t('routing.settings.skillTeam')}
                    placeholder={t('routing.settings.skillTeam')}
                    loading={teams.loading}
                    options={teams.options}
                  />
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
              disabled={fields.length >= MAX_SKILL_RULES}
              onClick={() => add({ match: 'page_url', value: '', teamId: undefined })}
              data-testid="add-skill-rule"
            >
              {t('routing.settings.addSkillRule')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
