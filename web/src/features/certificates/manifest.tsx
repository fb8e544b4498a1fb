import { lazy } from 'react';
import { Route } from 'react-router';
import { FileProtectOutlined } from '@ant-design/icons';
import { TEAM_ADMINS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const CertificateCheckLayout = lazy(() => import('./CertificateCheckLayout.tsx'));
const CertificateCheckPage = lazy(() => import('./CertificateCheckPage.tsx'));
const MyCertificatesPage = lazy(() => import('./MyCertificatesPage.tsx'));
const CertificatesAdminPage = lazy(() => import('./CertificatesAdminPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'certificates',
  // Certificate check (证明核验) by number: the QR code on every issued certificate links to /verify/<number>,
  // so these paths never change.
  public: (
    <Route element={<CertificateCheckLayout />}>
      <Route path="/verify" element={<CertificateCheckPage />} />
      <Route path="/verify/:number" element={<CertificateCheckPage />} />
    </Route>
  ),
  // The volunteer's certificates.
  mobile: <Route path="certificates" element={<MyCertificatesPage />} />,
  // 证明出具: the organization's requests, issued certificates and seal.
  console: <Route path="certificates" element={only(TEAM_ADMINS, <CertificatesAdminPage />)} />,
  nav: [
    {
      order: 70,
      path: '/certificates',
      icon: <FileProtectOutlined aria-hidden />,
      label: (t) => t.menuCertificates,
      roles: TEAM_ADMINS,
    },
  ],
  tabs: [
    {
      place: 'more',
      order: 20,
      path: '/m/certificates',
      icon: <FileProtectOutlined aria-hidden />,
      label: (t) => t.tabCertificates,
    },
  ],
};
