import { registerCalendarRoutes } from './calendar.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'calendar',
  routes: [registerCalendarRoutes],
  matrix: new URL('./calendar.matrix.ts', import.meta.url),
};
