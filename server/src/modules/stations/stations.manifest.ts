import { registerStationRoutes } from './stations.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'stations',
  routes: [registerStationRoutes],
  matrix: new URL('./stations.matrix.ts', import.meta.url),
};
