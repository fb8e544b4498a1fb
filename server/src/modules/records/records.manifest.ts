import { registerRecordRoutes } from './records.routes.ts';
import { registerHolidayRoutes } from './holidays.routes.ts';
import { recordJobs } from './records.jobs.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'records',
  routes: [registerRecordRoutes, registerHolidayRoutes],
  jobs: recordJobs,
  matrix: new URL('./records.matrix.ts', import.meta.url),
};
