import { lazy } from 'react';
import { Route } from 'react-router';
import { DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import { REGION_ADMINS, TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const PopulationPage = lazy(() => import('./PopulationPage.tsx'));

/** The console home of region and organization admins (figures + to-do list) and resident population. */
export const manifest: FeatureManifest = {
  name: 'statistics',
  console: (
    <>
      <Route path="dashboard" element={only(TEAM_ADMINS, <DashboardPage />)} />
      <Route path="population" element={only(REGION_ADMINS, <PopulationPage />)} />
    </>
  ),
  nav: [
    {
      order: 3,
      path: '/dashboard',
      icon: <DashboardOutlined aria-hidden />,
      label: (t) => t.menuDashboard,
      roles: TEAM_ADMINS,
    },
    {
      order: 95,
      path: '/population',
      icon: <TeamOutlined aria-hidden />,
      label: (t) => t.menuPopulation,
      roles: REGION_ADMINS,
    },
  ],
};
