import type { FeatureManifest } from './shell/feature.tsx';
import { activitiesManifest } from './activities/manifest.tsx';
import { auditManifest } from './audit/manifest.tsx';
import { authManifest } from './auth/manifest.tsx';
import { certificatesManifest } from './certificates/manifest.tsx';
import { importsManifest } from './imports/manifest.tsx';
import { membershipsManifest } from './memberships/manifest.tsx';
import { organizationsManifest } from './organizations/manifest.tsx';
import { recordsManifest } from './records/manifest.tsx';
import { regionsManifest } from './regions/manifest.tsx';
import { rolesManifest } from './roles/manifest.tsx';
import { volunteersManifest } from './volunteers/manifest.tsx';

/**
 * Every web feature, one line each (features/<module>/manifest.tsx): App.tsx mounts their routes, the
 * console's menu (shell/nav.tsx) and the volunteer area's tabs (mobile/tabs.tsx) list their entries.
 */
export const FEATURES: readonly FeatureManifest[] = [
  authManifest,
  regionsManifest,
  rolesManifest,
  auditManifest,
  organizationsManifest,
  membershipsManifest,
  volunteersManifest,
  activitiesManifest,
  recordsManifest,
  certificatesManifest,
  importsManifest,
];
