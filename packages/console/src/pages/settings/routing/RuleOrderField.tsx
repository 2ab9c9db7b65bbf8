import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { ROUTING_RULES, type RoutingRule } from '@kefu/shared';
import { Button, Checkbox, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The pipeline's rules in the order they are tried: the ones in use first (move them up or down), then the ones
 * left out (tick to add one at the end). The value is the rules in use, in order.
 */
export function RuleOrderField({
  id,
  value = [],
  onChange,
}: {
  id?: string;
  value?: RoutingRule[];
  onChange?: (rules: RoutingRule[]) => void;
}) {
  const { t } = useTranslation();
  const unused = ROUTING_RULES.filter((rule) => !value.includes(rule));
  const move = (index: number, by: -1 | 1) => {
    const next = [...value];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    onChange?.(next);
  };
  return (
    <List
      id={id}
      size="small"
      bordered
      data-testid="routing-rules"
      dataSource={[...value, ...unused]}
      renderItem={(rule) => {
        const index = value.indexOf(rule);
        const used = index !== -1;
        return (
          <List.Item
            data-testid="routing-rule"
            data-rule={rule}
            actions={
              used
                ? [
                    <Button
                      key="up"
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={t('routing.settings.moveUp', { rule: t(`routing.rules.${rule}`) })}
                    />,
                    <Button
                      key="down"
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      disabled={index === value.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t('routing.settings.moveDown', { rule: t(`routing.rules.${rule}`) })}
                    />,
                  ]
                : []
            }
          >
            <Flex gap={8} align="center">
              <Checkbox
                checked={used}
                onChange={(event) =>
                  onChange?.(event.target.checked ? [...value, rule] : value.filter((other) => other !== rule))
                }
                aria-label={t(`routing.rules.${rule}`)}
              />
              <Typography.Text type={used ? undefined : 'secondary'}>
                {used ? `${index + 1}. ` : ''}
                {t(`routing.rules.${rule}`)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`routing.ruleHints.${rule}`)}
              </Typography.Text>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}
