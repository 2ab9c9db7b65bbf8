import type { AuditEventView } from '@kefu/shared';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const KNOWN_TARGET_TYPES = ['user', 'team', 'api_token', 'account', 'inbox', 'contact'] as const;
type KnownTargetType = (typeof KNOWN_TARGET_TYPES)[number];

function isKnownTargetType(type: string): type is KnownTargetType {
  return (KNOWN_TARGET_TYPES as readonly string[]).includes(type);
}

/** What an audit event acted on: its kind, and its name when known (users), else a short id to copy. */
export function AuditTarget({ event, userNames }: { event: AuditEventView; userNames: Map<string, string> }) {
  const { t } = useTranslation();
  const { targetType, targetId } = event;
  if (!targetType) return null;
  const kind = isKnownTargetType(targetType) ? t(`audit.targetTypes.${targetType}`) : targetType;
  const name = targetType === 'user' && targetId ? userNames.get(targetId) : undefined;
  return (
    <>
      {kind}{' '}
      {name ??
        (targetId ? (
          <Typography.Text type="secondary" copyable={{ text: targetId }}>
            {targetId.slice(0, 8)}
          </Typography.Text>
        ) : null)}
    </>
  );
}
