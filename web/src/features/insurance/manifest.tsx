import { lazy } from 'react';
import { Route } from 'react-router';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const MyInsurancePage = lazy(() => import('./MyInsurancePage.tsx'));
const PoliciesPage = lazy(() => import('./PoliciesPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'insurance',
  // The volunteer's own cover: the region's group policy and the accepted activities' policies.
  mobile: <Route path="insurance" element={<MyInsurancePage />} />,
  // A region's policies and the "was X covered at T" lookup (audited).
  console: <Route path="insurance" element={only(REGION_ADMINS, <PoliciesPage />)} />,
  nav: [
    {
      order: 77,
      path: '/insurance',
      icon: <SafetyCertificateOutlined aria-hidden />,
      label: (t) => t.menuInsurance,
      roles: REGION_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 26,
      path: '/m/insurance',
      icon: <SafetyCertificateOutlined aria-hidden />,
      label: (t) => t.tabInsurance,
    },
  ],
};
