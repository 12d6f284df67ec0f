import { UserOutlined } from '@ant-design/icons';
import { Avatar, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../components/CurrentUser';
import styles from './TopBar.module.css';

/** Name, unit and role of the signed-in user. */
export function UserSummary() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const unit = user.unitName ?? t('header.noUnit');
  const role = t(`roles.${user.role}`);
  return (
    <div
      className={styles.user}
      role="group"
      aria-label={`${t('header.userMenu')}：${user.displayName}，${unit}，${role}`}
      data-testid="current-user"
    >
      <Avatar size="small" icon={<UserOutlined />} className={styles.avatar} />
      <span className={styles.userText}>
        <span className={styles.displayName}>{user.displayName}</span>
        <span className={styles.unit} title={t('header.unit')}>
          {unit}
        </span>
      </span>
      <Tag className={styles.role} title={t('header.role')}>
        {role}
      </Tag>
    </div>
  );
}
