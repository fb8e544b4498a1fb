import { registerImportRoutes } from './imports.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'imports',
  routes: [registerImportRoutes],
  matrix: new URL('./imports.matrix.ts', import.meta.url),
};
