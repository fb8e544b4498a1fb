import { registerActivityRoutes } from './activities.routes.ts';
import { registerSignupRoutes } from './signups.routes.ts';
import { registerHandoutRoutes } from './handouts.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'activities',
  routes: [registerActivityRoutes, registerSignupRoutes, registerHandoutRoutes],
  matrix: new URL('./activities.matrix.ts', import.meta.url),
};
