import { Progress } from 'antd';

/** Chats in progress against the limit; red once full. Without a limit, just the count. */
export function SaturationBar({ active, limit }: { active: number; limit: number | null }) {
  if (limit === null) return <span data-testid="saturation">{active}</span>;
  const percent = limit > 0 ? Math.round((active / limit) * 100) : 100;
  return (
    <Progress
      percent={Math.min(100, percent)}
      status={active >= limit ? 'exception' : 'normal'}
      format={() => `${active}/${limit}`}
      size="small"
      style={{ minWidth: 140, margin: 0 }}
      data-testid="saturation"
      data-active={active}
      data-limit={limit}
    />
  );
}
