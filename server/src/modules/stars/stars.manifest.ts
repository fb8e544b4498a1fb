import { registerStarRoutes } from './stars.routes.ts';
import { registerHonourRoutes } from './honours.routes.ts';
import { starJobs } from './stars.jobs.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'stars',
  routes: [registerStarRoutes, registerHonourRoutes],
  jobs: starJobs,
  matrix: new URL('./stars.matrix.ts', import.meta.url),
};
