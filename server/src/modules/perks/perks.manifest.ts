import { registerPerkRoutes } from './perks.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'perks',
  routes: [registerPerkRoutes],
  matrix: new URL('./perks.matrix.ts', import.meta.url),
};
