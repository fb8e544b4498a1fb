import { registerTrainingRoutes } from './training.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'training',
  routes: [registerTrainingRoutes],
  matrix: new URL('./training.matrix.ts', import.meta.url),
};
