import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useSession, useSingleSignOn, type Credentials } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageLoading } from '../../components/PageLoading';
import styles from './LoginPage.module.css';

/** Only same-site paths are followed after login, never another origin. */
function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) {
    return '/plan';
  }
  return next;
}

function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();

  return (
    <Form<Credentials>
      layout="vertical"
      requiredMark={false}
      disabled={login.isPending}
      onFinish={(credentials) => login.mutate(credentials, { onSuccess: onSignedIn })}
      onValuesChange={() => {
        if (login.isError) login.reset();
      }}
    >
      {login.isError && (
        <Alert
          className={styles.error}
          type="error"
          showIcon
          title={t('login.failed')}
          description={errorMessage(login.error)}
        />
      )}
      <Form.Item
        name="username"
        label={t('login.username')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input
          size="large"
          prefix={<UserOutlined />}
          placeholder={t('login.usernamePlaceholder')}
          autoComplete="username"
          autoFocus
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password
          size="large"
          prefix={<LockOutlined />}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}

/** 统一身份认证登录: a plain navigation, the server redirects to the identity platform. */
function SingleSignOnButton({ nextPath }: { nextPath: string }) {
  const { t } = useTranslation();
  const sso = useSingleSignOn();
  if (!sso.data?.enabled) return null;
  return (
    <>
      <Divider plain>{t('login.or')}</Divider>
      <Button size="large" block href={`/api/auth/oidc/login?next=${encodeURIComponent(nextPath)}`}>
        {t('login.sso')}
      </Button>
    </>
  );
}

/** Sign-in page; a signed-in visitor goes straight on to where they were heading. */
export default function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const nextPath = safeNextPath(searchParams.get('next'));

  if (session.isPending) return <PageLoading fullScreen />;
  if (session.data) return <Navigate to={nextPath} replace />;

  return (
    <main className={styles.page}>
      <div className={styles.languageSwitch}>
        <LanguageSwitch />
      </div>
      <div className={styles.panel}>
        <header className={styles.heading}>
          <span className={styles.logo} aria-hidden="true">
            民
          </span>
          <Typography.Title level={1} className={styles.productName}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text className={styles.planTitle}>{t('app.planTitle')}</Typography.Text>
        </header>
        <Card className={styles.card}>
          <Typography.Title level={2} className={styles.cardTitle}>
            {t('login.pageTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.welcome')}</Typography.Paragraph>
          <LoginForm onSignedIn={() => void navigate(nextPath, { replace: true })} />
          <SingleSignOnButton nextPath={nextPath} />
          <Typography.Paragraph type="secondary" className={styles.help}>
            {t('login.help')}
          </Typography.Paragraph>
        </Card>
      </div>
      <footer className={styles.footer}>{t('app.footer')}</footer>
    </main>
  );
}
