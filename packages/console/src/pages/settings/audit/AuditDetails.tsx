import { Typography } from 'antd';

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/** Events record edits as `{ from, to }` and lists as arrays; everything else is shown as JSON. */
function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isChange(value)) return `${describe(value.from)} → ${describe(value.to)}`;
  if (Array.isArray(value)) return value.map(describe).join(', ');
  return JSON.stringify(value);
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
