import { lazy } from 'react';
import { Route } from 'react-router';
import { ApartmentOutlined, FileDoneOutlined, FormOutlined } from '@ant-design/icons';
import { REGION_ADMINS, TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyOrgsPage = lazy(() => import('./MyOrgsPage.tsx'));
const OrgRegisterPage = lazy(() => import('./OrgRegisterPage.tsx'));
const OrgListPage = lazy(() => import('./OrgListPage.tsx'));
const OrgDetailPage = lazy(() => import('./OrgDetailPage.tsx'));
const ReviewQueuePage = lazy(() => import('./ReviewQueuePage.tsx'));

export const manifest: FeatureManifest = {
  name: 'organizations',
  console: (
    <>
      <Route path="my-organizations" element={<MyOrgsPage />} />
      <Route path="my-organizations/new" element={<OrgRegisterPage />} />
      <Route path="organizations" element={only(REGION_ADMINS, <OrgListPage />)} />
      <Route path="organizations/:id" element={only(TEAM_ADMINS, <OrgDetailPage />)} />
      <Route path="org-review" element={only(REGION_ADMINS, <ReviewQueuePage />)} />
    </>
  ),
  nav: [
    {
      order: 20,
      path: '/organizations',
      icon: <ApartmentOutlined aria-hidden />,
      label: (t) => t.menuOrganizations,
      roles: REGION_ADMINS,
    },
    {
      order: 30,
      path: '/org-review',
      icon: <FileDoneOutlined aria-hidden />,
      label: (t) => t.menuOrgReview,
      roles: REGION_ADMINS,
    },
    { order: 110, path: '/my-organizations', icon: <FormOutlined aria-hidden />, label: (t) => t.menuMyOrgs },
  ],
};
