import { registerNationalExportRoutes } from './national.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'exports',
  routes: [registerNationalExportRoutes],
  matrix: new URL('./exports.matrix.ts', import.meta.url),
};
