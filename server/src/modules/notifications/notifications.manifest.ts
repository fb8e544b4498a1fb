import { registerNotificationRoutes } from './notifications.routes.ts';
import { registerAddressRoutes } from './addresses.routes.ts';
import { notificationJobs } from './notifications.jobs.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'notifications',
  routes: [registerNotificationRoutes, registerAddressRoutes],
  jobs: notificationJobs,
  matrix: new URL('./notifications.matrix.ts', import.meta.url),
};
