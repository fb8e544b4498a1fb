import { lazy } from 'react';
import { Route } from 'react-router';
import {
  IdcardOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { REGION_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

// The volunteer's own pages (mobile first).
const RegisterPage = lazy(() => import('./RegisterPage.tsx'));
const ProfilePage = lazy(() => import('./ProfilePage.tsx'));
const ProfileEditPage = lazy(() => import('./ProfileEditPage.tsx'));
const IdentityVerificationPage = lazy(() => import('./IdentityVerificationPage.tsx'));
const AccountPrivacyPage = lazy(() => import('./AccountPrivacyPage.tsx'));
// Staff pages (console/).
const VolunteerSearchPage = lazy(() => import('./console/VolunteerSearchPage.tsx'));
const VerificationQueuePage = lazy(() => import('./console/VerificationQueuePage.tsx'));

export const manifest: FeatureManifest = {
  name: 'volunteers',
  public: <Route path="/m/register" element={<RegisterPage />} />,
  mobile: (
    <>
      <Route path="profile" element={<ProfilePage />} />
      <Route path="profile/edit" element={<ProfileEditPage />} />
      <Route path="verify" element={<IdentityVerificationPage />} />
      <Route path="account" element={<AccountPrivacyPage />} />
    </>
  ),
  console: (
    <>
      <Route path="volunteers" element={only(REGION_ADMINS, <VolunteerSearchPage />)} />
      <Route path="verification" element={only(REGION_ADMINS, <VerificationQueuePage />)} />
    </>
  ),
  nav: [
    {
      order: 80,
      path: '/volunteers',
      icon: <IdcardOutlined aria-hidden />,
      label: (t) => t.menuVolunteers,
      roles: REGION_ADMINS,
    },
    {
      order: 90,
      path: '/verification',
      icon: <SafetyCertificateOutlined aria-hidden />,
      label: (t) => t.menuVerification,
      roles: REGION_ADMINS,
    },
    { order: 160, path: '/m/profile', icon: <SolutionOutlined aria-hidden />, label: (t) => t.volunteerArea },
  ],
  tabs: [
    {
      place: 'bar',
      order: 50,
      path: '/m/profile',
      icon: <UserOutlined aria-hidden />,
      label: (t) => t.tabProfile,
    },
    {
      place: 'more',
      order: 30,
      path: '/m/verify',
      icon: <SafetyCertificateOutlined aria-hidden />,
      label: (t) => t.tabIdentityVerification,
    },
    {
      place: 'more',
      order: 40,
      path: '/m/account',
      icon: <SettingOutlined aria-hidden />,
      label: (t) => t.tabAccount,
    },
  ],
};
