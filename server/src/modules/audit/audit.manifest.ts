import { registerAuditRoutes } from './audit.routes.ts';
import { auditJobs } from './audit.jobs.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'audit',
  routes: [registerAuditRoutes],
  jobs: auditJobs,
  matrix: new URL('./audit.matrix.ts', import.meta.url),
};
