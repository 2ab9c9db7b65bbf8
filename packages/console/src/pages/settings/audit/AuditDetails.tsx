import { Typography } from 'antd';

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An audit event's free-form details as `key: value` lines. Values come from users, so they stay plain text. */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  return (
    <div>
      {entries.map(([key, value]) => (
        <div key={key}>
          <Typography.Text type="secondary">{key}: </Typography.Text>
          <Typography.Text>{describe(value)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
