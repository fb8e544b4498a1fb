import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequireRole } from '../shell/RequireRole.tsx';
import { TEAM_ADMINS } from '../shell/nav.tsx';

const CertificateCheckLayout = lazy(() => import('./CertificateCheckLayout.tsx'));
const CertificateCheckPage = lazy(() => import('./CertificateCheckPage.tsx'));
const MyCertificatesPage = lazy(() => import('./MyCertificatesPage.tsx'));
const CertificatesAdminPage = lazy(() => import('./CertificatesAdminPage.tsx'));

const admins = (page: ReactNode) => <RequireRole roles={TEAM_ADMINS}>{page}</RequireRole>;

/** Certificate check (证明核验) by number; the QR code on every certificate links to /verify/<number>. */
export const certificateRoutes = (
  <Route element={<CertificateCheckLayout />}>
    <Route path="/verify" element={<CertificateCheckPage />} />
    <Route path="/verify/:number" element={<CertificateCheckPage />} />
  </Route>
);

/** The volunteer's certificates (inside the /m shell). */
export const mobileCertificateRoutes = <Route path="certificates" element={<MyCertificatesPage />} />;

/** 证明出具: the organization's requests, issued certificates and seal (inside the console shell). */
export const consoleCertificateRoutes = (
  <Route path="certificates" element={admins(<CertificatesAdminPage />)} />
);
