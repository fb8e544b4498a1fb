import { registerMembershipRoutes } from './memberships.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'memberships',
  routes: [registerMembershipRoutes],
  matrix: new URL('./memberships.matrix.ts', import.meta.url),
};
