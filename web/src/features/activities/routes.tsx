import { lazy } from 'react';
import { Route } from 'react-router';

const PublicLayout = lazy(() => import('./PublicLayout.tsx'));
const ActivitiesPage = lazy(() => import('./ActivitiesPage.tsx'));
const ActivityDetailPage = lazy(() => import('./ActivityDetailPage.tsx'));
const MyActivitiesPage = lazy(() => import('./MyActivitiesPage.tsx'));
const ScanPage = lazy(() => import('./ScanPage.tsx'));
const NotificationsPage = lazy(() => import('./NotificationsPage.tsx'));

/** Volunteer-area activity pages that need a signed-in account (inside the /m shell). */
export const mobileActivityRoutes = (
  <>
    <Route path="my-activities" element={<MyActivitiesPage />} />
    <Route path="scan" element={<ScanPage />} />
    <Route path="notifications" element={<NotificationsPage />} />
  </>
);

/** Activity pages anyone may open, signed in or not. */
export const publicActivityRoutes = (
  <Route element={<PublicLayout />}>
    <Route path="/m/activities" element={<ActivitiesPage />} />
    <Route path="/m/activities/:id" element={<ActivityDetailPage />} />
  </Route>
);
