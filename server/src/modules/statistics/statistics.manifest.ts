import { registerStatisticsRoutes } from './statistics.routes.ts';
import { statisticsJobs } from './statistics.jobs.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'statistics',
  routes: [registerStatisticsRoutes],
  jobs: statisticsJobs,
  matrix: new URL('./statistics.matrix.ts', import.meta.url),
};
