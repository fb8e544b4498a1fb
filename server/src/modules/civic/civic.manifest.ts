import { registerCivicRoutes } from './civic.routes.ts';
import { civicJobs } from './civic.jobs.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'civic',
  routes: [registerCivicRoutes],
  jobs: civicJobs,
  matrix: new URL('./civic.matrix.ts', import.meta.url),
};
