import { lazy, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LocaleProvider } from './lib/i18n.tsx';
import { queryClient } from './lib/query.ts';
import { LoginRoute, MfaRoute, RequireConsole } from './features/auth/gates.tsx';
import { ErrorBoundary } from './features/shell/ErrorBoundary.tsx';
import { Loading } from './features/shell/Loading.tsx';
import { RequireRole } from './features/shell/RequireRole.tsx';
import { AUDITORS, ROLE_ADMINS } from './features/shell/nav.tsx';

// One chunk per page, so signing in does not download the console and the console not every page.
const AppShell = lazy(() => import('./features/shell/AppShell.tsx'));
const RegionBrowserPage = lazy(() => import('./features/regions/RegionBrowserPage.tsx'));
const RoleManagementPage = lazy(() => import('./features/roles/RoleManagementPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const AccountPage = lazy(() => import('./features/auth/AccountPage.tsx'));
const NotFoundPage = lazy(() => import('./features/shell/NotFoundPage.tsx'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <BrowserRouter>
          <ErrorBoundary>
            <Suspense fallback={<Loading fullScreen />}>
              <Routes>
                <Route path="/login" element={<LoginRoute />} />
                <Route path="/mfa" element={<MfaRoute />} />
                <Route element={<RequireConsole />}>
                  <Route element={<AppShell />}>
                    <Route index element={<Navigate to="/regions" replace />} />
                    <Route path="regions" element={<RegionBrowserPage />} />
                    <Route path="regions/:code" element={<RegionBrowserPage />} />
                    <Route
                      path="roles"
                      element={
                        <RequireRole roles={ROLE_ADMINS}>
                          <RoleManagementPage />
                        </RequireRole>
                      }
                    />
                    <Route
                      path="audit"
                      element={
                        <RequireRole roles={AUDITORS}>
                          <AuditPage />
                        </RequireRole>
                      }
                    />
                    <Route path="account" element={<AccountPage />} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Route>
              </Routes>
            </Suspense>
          </ErrorBoundary>
        </BrowserRouter>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
