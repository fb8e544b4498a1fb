import { lazy } from 'react';
import { Route } from 'react-router';
import { TeamOutlined } from '@ant-design/icons';
import { ROLE_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const RoleManagementPage = lazy(() => import('./RoleManagementPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'roles',
  console: <Route path="roles" element={only(ROLE_ADMINS, <RoleManagementPage />)} />,
  nav: [
    {
      order: 120,
      path: '/roles',
      icon: <TeamOutlined aria-hidden />,
      label: (t) => t.menuRoles,
      roles: ROLE_ADMINS,
    },
  ],
};
