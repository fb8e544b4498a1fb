import { registerOrganizationRoutes } from './organizations.routes.ts';
import { registerDirectoryRoutes } from './directory.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'organizations',
  routes: [registerOrganizationRoutes, registerDirectoryRoutes],
  matrix: new URL('./organizations.matrix.ts', import.meta.url),
};
