import { registerTodoRoutes } from './todo.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'todo',
  routes: [registerTodoRoutes],
  matrix: new URL('./todo.matrix.ts', import.meta.url),
};
