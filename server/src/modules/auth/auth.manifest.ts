import { registerAuthRoutes } from './auth.routes.ts';
import { registerRecoveryRoutes } from './recovery.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'auth',
  routes: [registerAuthRoutes, registerRecoveryRoutes],
  matrix: new URL('./auth.matrix.ts', import.meta.url),
};
