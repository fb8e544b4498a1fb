import { registerSuggestionRoutes } from './suggestions.routes.ts';
import type { ModuleManifest } from '../../core/manifest.ts';

export const manifest: ModuleManifest = {
  name: 'suggestions',
  routes: [registerSuggestionRoutes],
  matrix: new URL('./suggestions.matrix.ts', import.meta.url),
};
