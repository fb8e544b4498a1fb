import { lazy } from 'react';
import { Route } from 'react-router';
import { UserOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/feature.tsx';

// Sign-in and the second factor are the app's gates (auth/gates.tsx, in App.tsx); these are pages.
const ForgotPasswordPage = lazy(() => import('./ForgotPasswordPage.tsx'));
const ClaimPage = lazy(() => import('./ClaimPage.tsx'));
const AccountPage = lazy(() => import('./AccountPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'auth',
  public: (
    <>
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/claim" element={<ClaimPage />} />
    </>
  ),
  console: <Route path="account" element={<AccountPage />} />,
  nav: [{ order: 150, path: '/account', icon: <UserOutlined aria-hidden />, label: (t) => t.menuAccount }],
};
