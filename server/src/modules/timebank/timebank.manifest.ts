import type { ModuleManifest } from '../../core/manifest.ts';
import { timebankJobs } from './timebank.jobs.ts';
import { registerTimebankRoutes } from './timebank.routes.ts';

export const manifest: ModuleManifest = {
  name: 'timebank',
  routes: [registerTimebankRoutes],
  jobs: timebankJobs,
  matrix: new URL('./timebank.matrix.ts', import.meta.url),
};
