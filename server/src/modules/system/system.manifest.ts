import { registerSystemRoutes } from './system.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'system',
  routes: [registerSystemRoutes],
};
