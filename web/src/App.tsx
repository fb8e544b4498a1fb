import { lazy, Suspense, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import type { Role } from '@yiqi/shared/roles';
import { LocaleProvider } from './lib/i18n.tsx';
import { queryClient } from './lib/query.ts';
import {
  HomeRedirect,
  LoginRoute,
  MfaRoute,
  RequireConsole,
  RequireSignedIn,
} from './features/auth/gates.tsx';
import { ErrorBoundary } from './features/shell/ErrorBoundary.tsx';
import { Loading } from './features/shell/Loading.tsx';
import { RequireRole } from './features/shell/RequireRole.tsx';
import { AUDITORS, REGION_ADMINS, ROLE_ADMINS, TEAM_ADMINS } from './features/shell/nav.tsx';
import { mobileActivityRoutes, publicActivityRoutes } from './features/activities/routes.tsx';
import { consoleActivityRoutes } from './features/activity-admin/routes.tsx';
import { mobileRecordRoutes } from './features/records/routes.tsx';
import {
  certificateRoutes,
  consoleCertificateRoutes,
  mobileCertificateRoutes,
} from './features/certificates/routes.tsx';

// One chunk per page, so signing in does not download the console and the console not every page.
const AppShell = lazy(() => import('./features/shell/AppShell.tsx'));
const RegionBrowserPage = lazy(() => import('./features/regions/RegionBrowserPage.tsx'));
const RoleManagementPage = lazy(() => import('./features/roles/RoleManagementPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const HolidaysPage = lazy(() => import('./features/records/HolidaysPage.tsx'));
const AccountPage = lazy(() => import('./features/auth/AccountPage.tsx'));
const NotFoundPage = lazy(() => import('./features/shell/NotFoundPage.tsx'));
const MyOrgsPage = lazy(() => import('./features/organizations/MyOrgsPage.tsx'));
const OrgRegisterPage = lazy(() => import('./features/organizations/OrgRegisterPage.tsx'));
const OrgListPage = lazy(() => import('./features/organizations/OrgListPage.tsx'));
const OrgDetailPage = lazy(() => import('./features/organizations/OrgDetailPage.tsx'));
const ReviewQueuePage = lazy(() => import('./features/organizations/ReviewQueuePage.tsx'));
const MembersPage = lazy(() => import('./features/memberships/MembersPage.tsx'));
const VolunteerSearchPage = lazy(() => import('./features/volunteer-admin/VolunteerSearchPage.tsx'));
const VerificationQueuePage = lazy(() => import('./features/volunteer-admin/VerificationQueuePage.tsx'));
const ImportPage = lazy(() => import('./features/imports/ImportPage.tsx'));
// The volunteer area (mobile first).
const RegisterPage = lazy(() => import('./features/volunteer/RegisterPage.tsx'));
const ForgotPasswordPage = lazy(() => import('./features/auth/ForgotPasswordPage.tsx'));
const ClaimPage = lazy(() => import('./features/auth/ClaimPage.tsx'));
const MobileShell = lazy(() => import('./features/mobile/MobileShell.tsx'));
const ProfilePage = lazy(() => import('./features/volunteer/ProfilePage.tsx'));
const ProfileEditPage = lazy(() => import('./features/volunteer/ProfileEditPage.tsx'));
const VerifyPage = lazy(() => import('./features/volunteer/VerifyPage.tsx'));
const AccountPrivacyPage = lazy(() => import('./features/volunteer/AccountPrivacyPage.tsx'));
const MyTeamsPage = lazy(() => import('./features/memberships/MyTeamsPage.tsx'));
const JoinPage = lazy(() => import('./features/memberships/JoinPage.tsx'));

const only = (roles: readonly Role[], page: ReactNode) => <RequireRole roles={roles}>{page}</RequireRole>;

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
                <Route path="/m/register" element={<RegisterPage />} />
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                <Route path="/claim" element={<ClaimPage />} />
                {publicActivityRoutes}
                {certificateRoutes}
                <Route element={<RequireSignedIn />}>
                  <Route path="/m" element={<MobileShell />}>
                    <Route index element={<Navigate to="/m/profile" replace />} />
                    <Route path="profile" element={<ProfilePage />} />
                    <Route path="profile/edit" element={<ProfileEditPage />} />
                    <Route path="verify" element={<VerifyPage />} />
                    <Route path="teams" element={<MyTeamsPage />} />
                    <Route path="join/:orgId" element={<JoinPage />} />
                    <Route path="account" element={<AccountPrivacyPage />} />
                    {mobileActivityRoutes}
                    {mobileRecordRoutes}
                    {mobileCertificateRoutes}
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Route>
                <Route element={<RequireConsole />}>
                  <Route element={<AppShell />}>
                    <Route index element={<HomeRedirect />} />
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
                    <Route path="holidays" element={<HolidaysPage />} />
                    <Route path="my-organizations" element={<MyOrgsPage />} />
                    <Route path="my-organizations/new" element={<OrgRegisterPage />} />
                    <Route path="organizations" element={only(REGION_ADMINS, <OrgListPage />)} />
                    <Route path="organizations/:id" element={only(TEAM_ADMINS, <OrgDetailPage />)} />
                    <Route path="org-review" element={only(REGION_ADMINS, <ReviewQueuePage />)} />
                    <Route path="members" element={only(TEAM_ADMINS, <MembersPage />)} />
                    <Route path="volunteers" element={only(REGION_ADMINS, <VolunteerSearchPage />)} />
                    <Route path="verification" element={only(REGION_ADMINS, <VerificationQueuePage />)} />
                    <Route path="imports" element={only(TEAM_ADMINS, <ImportPage />)} />
                    <Route path="account" element={<AccountPage />} />
                    {consoleActivityRoutes}
                    {consoleCertificateRoutes}
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
