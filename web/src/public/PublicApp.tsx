import { useCallback, useEffect, useState } from 'react';
import { PlainLocaleProvider, useMessages } from '../lib/locale.tsx';
import { fetchMe, type MeView } from '../features/auth/api.ts';
import { maybeSignedIn } from '../lib/session-hint.ts';
import { ActivityDetailPage } from './ActivityDetailPage.tsx';
import { ActivityListPage } from './ActivityListPage.tsx';
import { Failed } from './bits.tsx';
import { Frame } from './Frame.tsx';
import { HomePage } from './HomePage.tsx';
import { LoginPage } from './LoginPage.tsx';
import { publicMessages } from './messages.ts';
import { RouterProvider, useRouterState } from './router.tsx';
import { VerifyPage } from './VerifyPage.tsx';
import './public.css';

/**
 * What the full app needs to know when it takes over: the session already read (so it does not ask
 * again), `undefined` when it was not read.
 */
export type Leave = (me?: MeView | null) => void;

type Session =
  { state: 'pending' } | { state: 'error'; error: unknown } | { state: 'done'; me: MeView | null };

/**
 * The light public pages (issue 17, docs/decisions/0044-light-public-pages.md): the home page, the activity
 * list and detail, the certificate check and sign-in, for visitors, in plain React and a little CSS, so a
 * first visit on a phone never downloads or runs Ant Design, react-router or react-query. A visitor with a
 * session, and every other address, goes to the full app (main.tsx) at the same address.
 */
export function PublicApp({ leave }: { leave: Leave }) {
  return (
    <PlainLocaleProvider>
      <Pages leave={leave} />
    </PlainLocaleProvider>
  );
}

function Pages({ leave }: { leave: Leave }) {
  const t = useMessages(publicMessages);
  // No "maybe signed in" cookie: no session, so a visitor, without asking /api/me (decision 0057).
  const [session, setSession] = useState<Session>(() =>
    maybeSignedIn() ? { state: 'pending' } : { state: 'done', me: null },
  );
  const toFull = useCallback(
    () => leave(session.state === 'done' ? session.me : undefined),
    [leave, session],
  );
  const router = useRouterState(toFull);
  const path = router.place.path.replace(/\/$/, '') || '/';
  const verify = /^\/verify(?:\/|$)/.test(path);
  const needed = !verify && session.state === 'pending';
  useEffect(() => {
    // The certificate check is the same for everyone: it does not wait for the session. Other pages ask
    // once, when first shown.
    if (!needed) return;
    fetchMe().then(
      (me) => (me ? leave(me) : setSession({ state: 'done', me: null })),
      (error: unknown) => setSession({ state: 'error', error }),
    );
  }, [needed]);
  if (!verify && session.state !== 'done') {
    // What index.html shows until the app runs, until the session is known (it usually is by then).
    if (session.state === 'pending') return <div className="yiqi-boot">{t.loading}</div>;
    return (
      <div className="lp">
        <main className="lp-main">
          <Failed error={session.error} retry={() => location.reload()} />
        </main>
      </div>
    );
  }
  const detail = /^\/m\/activities\/([^/]+)$/.exec(path);
  const page =
    path === '/login' ? (
      <LoginPage done={(me) => leave(me)} />
    ) : (
      <Frame>
        {path === '/' ? (
          <HomePage />
        ) : path === '/m/activities' ? (
          <ActivityListPage leave={toFull} />
        ) : detail ? (
          <ActivityDetailPage key={detail[1]} id={detail[1]!} />
        ) : (
          <VerifyPage raw={/^\/verify\/([^/]+)$/.exec(path)?.[1]} />
        )}
      </Frame>
    );
  return <RouterProvider value={router}>{page}</RouterProvider>;
}
