import { registerRegionRoutes } from './regions.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'regions',
  routes: [registerRegionRoutes],
  matrix: new URL('./regions.matrix.ts', import.meta.url),
};
