import { Menu, Tag, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from '../../components/CurrentUser';
import { moduleForPath, modulesForRole, type AppModule } from '../../modules';
import styles from './SideMenu.module.css';

function MenuLabel({ module }: { module: AppModule }) {
  const { t } = useTranslation();
  return (
    <Link to={module.path} className={styles.label}>
      <span className={styles.name}>{t(`nav.${module.key}`)}</span>
      {!module.built && (
        <Tag className={styles.buildingTag} variant="filled">
          {t('nav.buildingTag')}
        </Tag>
      )}
    </Link>
  );
}

/** The module menu; modules still being built are marked as such. */
export function SideMenu() {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const selected = moduleForPath(pathname);

  const items: MenuProps['items'] = modulesForRole(user.role).map((module) => ({
    key: module.path,
    icon: module.icon,
    label: <MenuLabel module={module} />,
  }));

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      className={styles.menu}
    />
  );
}
