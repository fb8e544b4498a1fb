import { lazy } from 'react';
import { Route } from 'react-router';
import { BankOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyTimebankPage = lazy(() => import('./MyTimebankPage.tsx'));
const TimebankAdminPage = lazy(() => import('./TimebankAdminPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'timebank',
  // The volunteer's time bank: balance, family, giving, booking, statement.
  mobile: <Route path="timebank" element={<MyTimebankPage />} />,
  // A region's time bank: scheme, grants (second approval), bookings, accounts and statements.
  console: <Route path="timebank" element={only(REGION_ADMINS, <TimebankAdminPage />)} />,
  nav: [
    {
      order: 75,
      path: '/timebank',
      icon: <BankOutlined aria-hidden />,
      label: (t) => t.menuTimebank,
      roles: REGION_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 25,
      path: '/m/timebank',
      icon: <BankOutlined aria-hidden />,
      label: (t) => t.tabTimebank,
    },
  ],
};
