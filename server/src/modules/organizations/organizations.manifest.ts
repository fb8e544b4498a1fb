import { registerOrganizationRoutes } from './organizations.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'organizations',
  routes: [registerOrganizationRoutes],
  matrix: new URL('./organizations.matrix.ts', import.meta.url),
};
