import { registerFundingRoutes } from './funding.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'funding',
  routes: [registerFundingRoutes],
  matrix: new URL('./funding.matrix.ts', import.meta.url),
};
