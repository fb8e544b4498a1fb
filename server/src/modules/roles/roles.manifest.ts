import { registerRoleRoutes } from './roles.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'roles',
  routes: [registerRoleRoutes],
  matrix: new URL('./roles.matrix.ts', import.meta.url),
};
