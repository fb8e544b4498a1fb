import { Fragment, lazy, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LocaleProvider } from './lib/i18n.tsx';
import { queryClient } from './lib/query.ts';
import {
  HomeRedirect,
  LoginRoute,
  MfaRoute,
  RequireConsole,
  RequireSignedIn,
} from './features/auth/gates.tsx';
import * as features from './features/manifests.ts';
import { ErrorBoundary } from './features/shell/ErrorBoundary.tsx';
import { FeaturesContext, type FeatureManifest } from './features/shell/feature.tsx';
import { Loading } from './features/shell/Loading.tsx';

/** Every feature's manifest (features/manifests.ts, one line each). */
const FEATURES: readonly FeatureManifest[] = Object.values(features).map((f) => f.manifest);

// One chunk per page (each feature's manifest loads its pages lazily), so signing in does not download the
// console and the console not every page.
const AppShell = lazy(() => import('./features/shell/AppShell.tsx'));
const MobileShell = lazy(() => import('./features/mobile/MobileShell.tsx'));
const NotFoundPage = lazy(() => import('./features/shell/NotFoundPage.tsx'));

/** The routes of one kind from every feature's manifest (features/manifests.ts). */
const routes = (kind: 'public' | 'mobile' | 'console') =>
  FEATURES.map((f) => <Fragment key={f.name}>{f[kind]}</Fragment>);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <FeaturesContext.Provider value={FEATURES}>
          <BrowserRouter>
            <ErrorBoundary>
              <Suspense fallback={<Loading fullScreen />}>
                <Routes>
                  <Route path="/login" element={<LoginRoute />} />
                  <Route path="/mfa" element={<MfaRoute />} />
                  {routes('public')}
                  <Route element={<RequireSignedIn />}>
                    <Route path="/m" element={<MobileShell />}>
                      <Route index element={<Navigate to="/m/profile" replace />} />
                      {routes('mobile')}
                      <Route path="*" element={<NotFoundPage />} />
                    </Route>
                  </Route>
                  <Route element={<RequireConsole />}>
                    <Route element={<AppShell />}>
                      <Route index element={<HomeRedirect />} />
                      {routes('console')}
                      <Route path="*" element={<NotFoundPage />} />
                    </Route>
                  </Route>
                </Routes>
              </Suspense>
            </ErrorBoundary>
          </BrowserRouter>
        </FeaturesContext.Provider>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
