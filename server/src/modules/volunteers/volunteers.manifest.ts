import { registerVolunteerRoutes } from './volunteers.routes.ts';
import { registerClaimRoutes } from './claim.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'volunteers',
  routes: [registerVolunteerRoutes, registerClaimRoutes],
  matrix: new URL('./volunteers.matrix.ts', import.meta.url),
};
