import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import { CalendarOutlined, CompassOutlined, ScanOutlined } from '@ant-design/icons';
import { TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

// Pages for volunteers and the public.
const PublicLayout = lazy(() => import('./PublicLayout.tsx'));
const ActivitiesPage = lazy(() => import('./ActivitiesPage.tsx'));
const ActivityDetailPage = lazy(() => import('./ActivityDetailPage.tsx'));
const MyActivitiesPage = lazy(() => import('./MyActivitiesPage.tsx'));
const ScanPage = lazy(() => import('./ScanPage.tsx'));
const NotificationsPage = lazy(() => import('./NotificationsPage.tsx'));
// Console pages for publishing activities, sign-ups and attendance (console/).
const ActivityListPage = lazy(() => import('./console/ActivityListPage.tsx'));
const ActivityEditorPage = lazy(() => import('./console/ActivityEditorPage.tsx'));
const ActivityPage = lazy(() => import('./console/ActivityPage.tsx'));
const SignupsPage = lazy(() => import('./console/SignupsPage.tsx'));
const AttendancePage = lazy(() => import('./console/AttendancePage.tsx'));
const QrPage = lazy(() => import('./console/QrPage.tsx'));
const RecordsPage = lazy(() => import('./console/RecordsPage.tsx'));

const admins = (page: ReactNode) => only(TEAM_ADMINS, page);

export const manifest: FeatureManifest = {
  name: 'activities',
  // Anyone may open these, signed in or not.
  public: (
    <Route element={<PublicLayout />}>
      <Route path="/m/activities" element={<ActivitiesPage />} />
      <Route path="/m/activities/:id" element={<ActivityDetailPage />} />
    </Route>
  ),
  mobile: (
    <>
      <Route path="my-activities" element={<MyActivitiesPage />} />
      <Route path="scan" element={<ScanPage />} />
      <Route path="notifications" element={<NotificationsPage />} />
    </>
  ),
  console: (
    <>
      <Route path="activities" element={admins(<ActivityListPage />)} />
      <Route path="activities/new" element={admins(<ActivityEditorPage />)} />
      <Route path="activities/:id" element={admins(<ActivityPage />)} />
      <Route path="activities/:id/edit" element={admins(<ActivityEditorPage />)} />
      <Route path="activities/:id/signups" element={admins(<SignupsPage />)} />
      <Route path="activities/:id/attendance" element={admins(<AttendancePage />)} />
      <Route path="activities/:id/records" element={admins(<RecordsPage />)} />
      <Route path="activities/:id/qr" element={admins(<QrPage />)} />
    </>
  ),
  nav: [
    {
      order: 50,
      path: '/activities',
      icon: <CalendarOutlined aria-hidden />,
      label: (t) => t.menuActivities,
      roles: TEAM_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'bar',
      order: 10,
      path: '/m/activities',
      icon: <CompassOutlined aria-hidden />,
      label: (t) => t.tabActivities,
    },
    {
      place: 'bar',
      order: 20,
      path: '/m/my-activities',
      icon: <CalendarOutlined aria-hidden />,
      label: (t) => t.tabMyActivities,
    },
    { place: 'bar', order: 30, path: '/m/scan', icon: <ScanOutlined aria-hidden />, label: (t) => t.tabScan },
  ],
};
