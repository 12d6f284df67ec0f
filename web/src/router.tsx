import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { PageLoading } from './components/PageLoading';
import { RequireAuth } from './components/RequireAuth';
import { appModules } from './modules';

const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const MainLayout = lazy(() => import('./pages/layout/MainLayout'));
const PlanPage = lazy(() => import('./pages/plan/PlanPage'));
const ServiceAreasPage = lazy(() => import('./pages/service-areas/ServiceAreasPage'));
const SatisfactionPage = lazy(() => import('./pages/surveys/SatisfactionPage'));
const ReportingPage = lazy(() => import('./pages/reporting/ReportingPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const AnalysisPage = lazy(() => import('./pages/analysis/AnalysisPage'));
const SupervisionPage = lazy(() => import('./pages/supervision/SupervisionPage'));
const MidtermPage = lazy(() => import('./pages/cases/MidtermPage'));
const PracticalMattersPage = lazy(() => import('./pages/practical-matters/PracticalMattersPage'));
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
      { path: 'service-areas', element: <ServiceAreasPage /> },
      { path: 'satisfaction', element: <SatisfactionPage /> },
      { path: 'reporting', element: <ReportingPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'practical-matters', element: <PracticalMattersPage /> },
      { path: 'analytics', element: <AnalysisPage /> },
      { path: 'supervision', element: <SupervisionPage /> },
      { path: 'midterm-evaluation', element: <MidtermPage /> },
      ...modulesUnderConstruction,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
