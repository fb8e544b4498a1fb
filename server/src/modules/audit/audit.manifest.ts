import { registerAuditRoutes } from './audit.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'audit',
  routes: [registerAuditRoutes],
  matrix: new URL('./audit.matrix.ts', import.meta.url),
};
