import { registerDispatchRoutes } from './dispatch.routes.ts';
import { dispatchJobs } from './dispatch.jobs.ts';
import { registerInvitationRoutes } from './invitations.routes.ts';
import { registerMenuRoutes } from './menu.routes.ts';
import { registerServiceActivityRoutes } from './service-activity.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'dispatch',
  routes: [
    registerDispatchRoutes,
    registerInvitationRoutes,
    registerMenuRoutes,
    registerServiceActivityRoutes,
  ],
  jobs: dispatchJobs,
  matrix: new URL('./dispatch.matrix.ts', import.meta.url),
};
