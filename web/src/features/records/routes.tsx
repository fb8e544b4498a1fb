import { lazy } from 'react';
import { Route } from 'react-router';

const MyRecordsPage = lazy(() => import('./MyRecordsPage.tsx'));

/** The volunteer's record card (inside the /m shell). */
export const mobileRecordRoutes = (
  <>
    <Route path="records" element={<MyRecordsPage />} />
  </>
);
