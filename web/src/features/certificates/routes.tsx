import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireRole } from '../shell/RequireRole.tsx';
import { TEAM_ADMINS } from '../shell/nav.tsx';

const VerifyLayout = lazy(() => import('./VerifyLayout.tsx'));
const VerifyPage = lazy(() => import('./VerifyPage.tsx'));
const MyCertificatesPage = lazy(() => import('./MyCertificatesPage.tsx'));
const CertificatesAdminPage = lazy(() => import('./CertificatesAdminPage.tsx'));

const admins = (page: ReactNode) => <RequireRole roles={TEAM_ADMINS}>{page}</RequireRole>;

/** Public verification by number; the QR code on every certificate links to /verify/<number>. */
export const certificateRoutes = (
  <Route element={<VerifyLayout />}>
    <Route path="/verify" element={<VerifyPage />} />
    <Route path="/verify/:number" element={<VerifyPage />} />
  </Route>
);

/** The volunteer's certificates (inside the /m shell). */
export const mobileCertificateRoutes = <Route path="certificates" element={<MyCertificatesPage />} />;

/** 证明出具: the organization's requests, issued certificates and seal (inside the console shell). */
export const consoleCertificateRoutes = (
  <Route path="certificates" element={admins(<CertificatesAdminPage />)} />
);
