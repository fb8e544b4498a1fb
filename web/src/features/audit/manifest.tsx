import { lazy } from 'react';
import { Route } from 'react-router';
import { AuditOutlined } from '@ant-design/icons';
import { AUDITORS } from '../shell/access.ts';
import { only, type FeatureManifest } from '../shell/feature.tsx';

const AuditPage = lazy(() => import('./AuditPage.tsx'));

export const manifest: FeatureManifest = {
  name: 'audit',
  console: <Route path="audit" element={only(AUDITORS, <AuditPage />)} />,
  nav: [
    {
      order: 130,
      path: '/audit',
      icon: <AuditOutlined aria-hidden />,
      label: (t) => t.menuAudit,
      roles: AUDITORS,
    },
  ],
};
