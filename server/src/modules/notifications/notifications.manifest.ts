import { registerNotificationRoutes } from './notifications.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'notifications',
  routes: [registerNotificationRoutes],
  matrix: new URL('./notifications.matrix.ts', import.meta.url),
};
