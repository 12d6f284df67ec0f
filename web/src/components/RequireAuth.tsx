import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/auth';
import { CurrentUserContext } from './CurrentUser';
import { LoadError } from './LoadError';
import { PageLoading } from './PageLoading';

/** Renders its children for a signed-in user; everyone else goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <PageLoading fullScreen />;
  if (session.isError) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }}>
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </Flex>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <CurrentUserContext value={session.data.user}>{children}</CurrentUserContext>;
}
