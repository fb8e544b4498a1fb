import { lazy } from 'react';
import { Route } from 'react-router';
import { ClusterOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/feature.tsx';

const RegionBrowserPage = lazy(() => import('./RegionBrowserPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'regions',
  console: (
    <>
      <Route path="regions" element={<RegionBrowserPage />} />
      <Route path="regions/:code" element={<RegionBrowserPage />} />
    </>
  ),
  nav: [{ order: 10, path: '/regions', icon: <ClusterOutlined aria-hidden />, label: (t) => t.menuRegions }],
};
