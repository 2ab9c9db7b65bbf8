import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** A label as a coloured tag: a preset colour name or #rrggbb; `default` is the plain grey tag. */
export function LabelTag({ name, color, children }: { name: string; color?: string; children?: ReactNode }) {
  return (
    <Tag
      color={color && color !== 'default' ? color : undefined}
      data-testid="label-tag"
      style={{ marginInlineEnd: 4 }}
    >
      {name}
      {children}
    </Tag>
  );
}
