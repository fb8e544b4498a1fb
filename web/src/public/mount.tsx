import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicApp, type Leave } from './PublicApp.tsx';

/**
 * Shows the light public pages in `container` and returns how to take them down (before the full app takes
 * the same element over). In the build this module and the light pages run on Preact (`lightPreact` in
 * web/vite.config.ts, docs/decisions/0067-light-pages-on-preact.md); in the dev server and tests, on React.
 */
export function mountPublic(container: HTMLElement, leave: Leave): () => void {
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <PublicApp leave={leave} />
    </StrictMode>,
  );
  return () => root.unmount();
}
