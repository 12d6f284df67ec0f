import { Layout } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { PageLoading } from '../../components/PageLoading';
import { SideMenu } from './SideMenu';
import { TopBar } from './TopBar';
import styles from './MainLayout.module.css';

/** The frame of every signed-in page: top bar, module menu on the left, page on the right. */
export default function MainLayout() {
  const { t } = useTranslation();
  return (
    <Layout className={styles.shell}>
      <Layout.Header className={styles.header}>
        <TopBar />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          className={styles.sider}
          width={224}
          breakpoint="lg"
          collapsedWidth={64}
          theme="light"
        >
          <nav aria-label={t('nav.label')}>
            <SideMenu />
          </nav>
        </Layout.Sider>
        <Layout.Content className={styles.content}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
