import type { Role } from '@kefu/shared';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { activeNavKey, type NavEntry, navEntriesFor } from './navigation';

type MenuItem = NonNullable<MenuProps['items']>[number];

export function NavMenu({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const entries = navEntriesFor(role);

  const toItem = (entry: NavEntry): MenuItem => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path} data-testid={`nav-${entry.key}`}>
        {t(entry.labelKey)}
      </Link>
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
