import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoading } from './components/PageLoading';
import { RequireAuth } from './components/RequireAuth';
import { appModules } from './modules';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const MainLayout = lazy(() => import('./pages/layout/MainLayout'));
const PlanPage = lazy(() => import('./pages/plan/PlanPage'));
const UnderConstructionPage = lazy(
  () => import('./pages/under-construction/UnderConstructionPage'),
);
const NotFoundPage = lazy(() => import('./pages/not-found/NotFoundPage'));

function FullScreenSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading fullScreen />}>{children}</Suspense>;
}

const modulesUnderConstruction = appModules
  .filter((module) => !module.built)
  .map((module) => ({
    path: module.path,
    element: <UnderConstructionPage moduleKey={module.key} />,
  }));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <FullScreenSuspense>
        <LoginPage />
      </FullScreenSuspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <FullScreenSuspense>
          <MainLayout />
        </FullScreenSuspense>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/plan" replace /> },
      { path: 'plan', element: <PlanPage /> },
      { path: 'plan/:domainCode', element: <PlanPage /> },
      ...modulesUnderConstruction,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
