import { registerCertificateRoutes } from './certificates.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'certificates',
  routes: [registerCertificateRoutes],
  matrix: new URL('./certificates.matrix.ts', import.meta.url),
};
