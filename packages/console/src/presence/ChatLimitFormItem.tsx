import { ROUTING_LIMITS } from '@kefu/shared';
import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * 接待上限: how many chats at once routing gives an agent, or a team in all (empty: no team limit). `initialValue`
 * is for forms that learn the current limit after they mounted.
 */
export function ChatLimitFormItem({ scope, initialValue }: { scope: 'agent' | 'team'; initialValue?: number }) {
  const { t } = useTranslation();
  const max = scope === 'agent' ? ROUTING_LIMITS.maxChatLimit : ROUTING_LIMITS.maxTeamChatLimit;
  return (
    <Form.Item
      name="chatLimit"
      initialValue={initialValue}
      label={t('presence.chatLimit')}
      extra={t(scope === 'agent' ? 'presence.chatLimitAgentHint' : 'presence.chatLimitTeamHint')}
      rules={[
        ...(scope === 'agent' ? [{ required: true, message: t('validation.required') }] : []),
        { type: 'integer', min: 1, max, message: t('presence.chatLimitRange', { max }) },
      ]}
    >
      <InputNumber
        min={1}
        max={max}
        precision={0}
        placeholder={scope === 'team' ? t('presence.noTeamLimit') : undefined}
        style={{ width: 160 }}
        data-testid="chat-limit"
      />
    </Form.Item>
  );
}
