import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireRole } from '../shell/RequireRole.tsx';
import { TEAM_ADMINS } from '../shell/nav.tsx';

const ActivityListPage = lazy(() => import('./ActivityListPage.tsx'));
const ActivityEditorPage = lazy(() => import('./ActivityEditorPage.tsx'));
const ActivityPage = lazy(() => import('./ActivityPage.tsx'));
const SignupsPage = lazy(() => import('./SignupsPage.tsx'));
const AttendancePage = lazy(() => import('./AttendancePage.tsx'));
const QrPage = lazy(() => import('./QrPage.tsx'));
const RecordsPage = lazy(() => import('./RecordsPage.tsx'));
const OrgRecordsPage = lazy(() => import('../records/OrgRecordsPage.tsx'));

const admins = (page: ReactNode) => <RequireRole roles={TEAM_ADMINS}>{page}</RequireRole>;

/** Console pages for publishing activities, sign-ups and attendance (inside the console shell). */
export const consoleActivityRoutes = (
  <>
    <Route path="activities" element={admins(<ActivityListPage />)} />
    <Route path="activities/new" element={admins(<ActivityEditorPage />)} />
    <Route path="activities/:id" element={admins(<ActivityPage />)} />
    <Route path="activities/:id/edit" element={admins(<ActivityEditorPage />)} />
    <Route path="activities/:id/signups" element={admins(<SignupsPage />)} />
    <Route path="activities/:id/attendance" element={admins(<AttendancePage />)} />
    <Route path="activities/:id/records" element={admins(<RecordsPage />)} />
    <Route path="activities/:id/qr" element={admins(<QrPage />)} />
    <Route path="records" element={admins(<OrgRecordsPage />)} />
  </>
);
