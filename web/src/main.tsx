import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MeView } from './features/auth/api.ts';
import { LIGHT_PATH } from './public/router.tsx';

const root = createRoot(document.getElementById('root')!);

/**
 * The full app (Ant Design, react-router, react-query: the console and the volunteer area) at the current
 * address. `me`, when the light pages read it already, seeds the session so it is not asked for again.
 */
async function showFull(me?: MeView | null): Promise<void> {
  const [{ App }, { queryClient, ME_KEY }] = await Promise.all([
    import('./App.tsx'),
    import('./lib/query.ts'),
  ]);
  if (me !== undefined) queryClient.setQueryData(ME_KEY, me);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// A first visit to a public page (home, activities, certificate check, sign-in) starts with the light
// pages, which load no Ant Design; they hand over to the full app when it is needed (docs/decisions/0044).
if (LIGHT_PATH.test(location.pathname))
  void import('./public/PublicApp.tsx').then(({ PublicApp }) =>
    root.render(
      <StrictMode>
        <PublicApp leave={(me) => void showFull(me)} />
      </StrictMode>,
    ),
  );
else void showFull();
