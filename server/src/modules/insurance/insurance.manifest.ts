import { registerInsuranceRoutes } from './insurance.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'insurance',
  routes: [registerInsuranceRoutes],
  matrix: new URL('./insurance.matrix.ts', import.meta.url),
};
