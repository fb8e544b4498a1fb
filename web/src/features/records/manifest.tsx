import { lazy } from 'react';
import { Route } from 'react-router';
import { FieldTimeOutlined, ScheduleOutlined } from '@ant-design/icons';
import { SYSTEM_ADMINS, TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyRecordsPage = lazy(() => import('./MyRecordsPage.tsx'));
const OrgRecordsPage = lazy(() => import('./OrgRecordsPage.tsx'));
const HolidaysPage = lazy(() => import('./HolidaysPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'records',
  // The volunteer's record card.
  mobile: <Route path="records" element={<MyRecordsPage />} />,
  console: (
    <>
      <Route path="records" element={only(TEAM_ADMINS, <OrgRecordsPage />)} />
      {/* Anyone signed in may read the holiday tables; only the system admin has the menu entry. */}
      <Route path="holidays" element={<HolidaysPage />} />
    </>
  ),
  nav: [
    {
      order: 60,
      path: '/records',
      icon: <FieldTimeOutlined aria-hidden />,
      label: (t) => t.menuRecords,
      roles: TEAM_ADMINS,
    },
    {
      order: 140,
      path: '/holidays',
      icon: <ScheduleOutlined aria-hidden />,
      label: (t) => t.menuHolidays,
      roles: SYSTEM_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 10,
      path: '/m/records',
      icon: <FieldTimeOutlined aria-hidden />,
      label: (t) => t.tabRecords,
    },
  ],
};
