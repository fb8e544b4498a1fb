import { lazy } from 'react';
import { Route } from 'react-router';
import { EnvironmentOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

// The activities' public frame (its own lazy chunk, which the first-page preload names).
const PublicLayout = lazy(() => import('../activities/PublicLayout.tsx'));
const StationsPage = lazy(() => import('./StationsPage.tsx'));
const StationListPage = lazy(() => import('./console/StationListPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'stations',
  // The map and the nearby search are public.
  public: (
    <Route element={<PublicLayout />}>
      <Route path="/m/stations" element={<StationsPage />} />
    </Route>
  ),
  console: <Route path="stations" element={only(REGION_ADMINS, <StationListPage />)} />,
  nav: [
    {
      order: 85,
      path: '/stations',
      icon: <EnvironmentOutlined aria-hidden />,
      label: (t) => t.menuStations,
      roles: REGION_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 60,
      path: '/m/stations',
      icon: <EnvironmentOutlined aria-hidden />,
      label: (t) => t.tabStations,
    },
  ],
};
