import { lazy } from 'react';
import { Route } from 'react-router';
import { CameraOutlined, FileSearchOutlined, PartitionOutlined } from '@ant-design/icons';
import { REGION_ADMINS, TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const ReportPage = lazy(() => import('./ReportPage.tsx'));
const MyReportsPage = lazy(() => import('./MyReportsPage.tsx'));
const CaseInboxPage = lazy(() => import('./console/CaseInboxPage.tsx'));
const CivicRulesPage = lazy(() => import('./console/CivicRulesPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'civic',
  mobile: (
    <>
      <Route path="civic" element={<MyReportsPage />} />
      <Route path="civic/report" element={<ReportPage />} />
    </>
  ),
  // Units (organization admins) handle their cases; region admins supervise and check them.
  console: (
    <>
      <Route path="civic" element={only(TEAM_ADMINS, <CaseInboxPage />)} />
      <Route path="civic/rules" element={only(REGION_ADMINS, <CivicRulesPage />)} />
    </>
  ),
  nav: [
    {
      order: 87,
      path: '/civic',
      icon: <FileSearchOutlined aria-hidden />,
      label: (t) => t.menuCivic,
      roles: TEAM_ADMINS,
    },
    {
      order: 88,
      path: '/civic/rules',
      icon: <PartitionOutlined aria-hidden />,
      label: (t) => t.menuCivicRules,
      roles: REGION_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 65,
      path: '/m/civic',
      icon: <CameraOutlined aria-hidden />,
      label: (t) => t.tabCivic,
    },
  ],
};
