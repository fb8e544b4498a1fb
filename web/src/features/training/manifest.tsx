import { lazy } from 'react';
import { Route } from 'react-router';
import { ReadOutlined } from '@ant-design/icons';
import { REGION_ADMINS, TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const CoursesPage = lazy(() => import('./CoursesPage.tsx'));
const CoursePage = lazy(() => import('./CoursePage.tsx'));
const MyTrainingPage = lazy(() => import('./MyTrainingPage.tsx'));
const CoursesAdminPage = lazy(() => import('./console/CoursesAdminPage.tsx'));
const ClaimsPage = lazy(() => import('./console/ClaimsPage.tsx'));
const CoveragePage = lazy(() => import('./console/CoveragePage.tsx'));

export const manifest: FeatureManifest = {
  name: 'training',
  mobile: (
    <>
      <Route path="training" element={<CoursesPage />} />
      <Route path="training/mine" element={<MyTrainingPage />} />
      <Route path="training/:id" element={<CoursePage />} />
    </>
  ),
  // Organizations and level bodies run courses; region admins review certificates.
  console: (
    <>
      <Route path="training" element={only(TEAM_ADMINS, <CoursesAdminPage />)} />
      <Route path="training/claims" element={only(REGION_ADMINS, <ClaimsPage />)} />
      <Route path="training/coverage" element={only(TEAM_ADMINS, <CoveragePage />)} />
    </>
  ),
  nav: [
    {
      order: 88,
      path: '/training',
      icon: <ReadOutlined aria-hidden />,
      label: (t) => t.menuTraining,
      roles: TEAM_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 66,
      path: '/m/training',
      icon: <ReadOutlined aria-hidden />,
      label: (t) => t.tabTraining,
    },
  ],
};
