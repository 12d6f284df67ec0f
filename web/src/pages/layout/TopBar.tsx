import { LogoutOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLogout } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { UserSummary } from './UserSummary';
import styles from './TopBar.module.css';

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/plan" className={styles.brand}>
      <span className={styles.logo} aria-hidden="true">
        民
      </span>
      <span className={styles.productName}>{t('app.name')}</span>
    </Link>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Button
      type="text"
      className={styles.logout}
      icon={<LogoutOutlined />}
      aria-label={t('header.logout')}
      loading={logout.isPending}
      onClick={() =>
        logout.mutate(undefined, {
          onSuccess: () => void navigate('/login', { replace: true }),
          onError: (error) => {
            // 401: the session had already ended; the session watcher takes the user to login.
            if (error instanceof ApiError && error.status === 401) return;
            void message.error(`${t('header.logoutFailed')}：${errorMessage(error)}`);
          },
        })
      }
    >
      <span className={styles.logoutText}>{t('header.logout')}</span>
    </Button>
  );
}

/** Product name on the left; language, the signed-in user and logout on the right. */
export function TopBar() {
  return (
    <div className={styles.bar}>
      <Brand />
      <div className={styles.actions}>
        <LanguageSwitch />
        <UserSummary />
        <LogoutButton />
      </div>
    </div>
  );
}
