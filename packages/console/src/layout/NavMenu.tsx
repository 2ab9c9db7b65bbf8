import type { Role } from '@kefu/shared';
import { Badge, Flex, Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { activeNavKey, type NavEntry, navEntriesFor } from './navigation';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** `badges`: a number to show next to an entry (the inbox's unread messages); 0 shows nothing. */
export function NavMenu({ role, badges = {} }: { role: Role; badges?: Partial<Record<NavEntry['key'], number>> }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const entries = navEntriesFor(role);

  const toItem = (entry: NavEntry): MenuItem => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Flex align="center" justify="space-between" gap={8}>
        <Link to={entry.path} data-testid={`nav-${entry.key}`}>
          {t(entry.labelKey)}
        </Link>
        {(badges[entry.key] ?? 0) > 0 && (
          <Badge count={badges[entry.key]} overflowCount={99} data-testid={`badge-${entry.key}`} />
        )}
      </Flex>
    ),
  });

  const mainItems = entries.filter((entry) => entry.group === 'main').map(toItem);
  const settingsItems = entries.filter((entry) => entry.group === 'settings').map(toItem);
  const items: MenuItem[] =
    settingsItems.length > 0
      ? [...mainItems, { type: 'group', key: 'settings', label: t('nav.settings'), children: settingsItems }]
      : mainItems;

  const active = activeNavKey(pathname);
  return (
    <nav aria-label={t('nav.label')}>
      <Menu mode="inline" items={items} selectedKeys={active ? [active] : []} style={{ borderInlineEnd: 'none' }} />
    </nav>
  );
}
