import { lazy } from 'react';
import { Route } from 'react-router';
import { CloudUploadOutlined } from '@ant-design/icons';
import { TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const ImportPage = lazy(() => import('./ImportPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'imports',
  console: <Route path="imports" element={only(TEAM_ADMINS, <ImportPage />)} />,
  nav: [
    {
      order: 100,
      path: '/imports',
      icon: <CloudUploadOutlined aria-hidden />,
      label: (t) => t.menuImports,
      roles: TEAM_ADMINS,
    },
  ],
};
